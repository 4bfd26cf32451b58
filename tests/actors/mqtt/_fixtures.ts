/** Expected MQTT messages for the sample telegrams, written from the telegrams' text. */

/** The file, under tests/fixtures/telegrams/, of {@linkcode BE_13_MONTHS_STATE}. */
export const BE_13_MONTHS_FILE = "arduino-dsmr-fork_test_full_be_3x230V_13months.txt";

/** The full Belgian telegram's values, read off its text by hand. */
export const BE_13_MONTHS_STATE = {
  time: "2024-07-08T20:07:56+02:00", // 0-0:1.0.0(240708200756S)
  tariff: 1, // 0-0:96.14.0(0001)
  power_w: 153, // 1-0:1.7.0(00.153*kW) − 1-0:2.7.0(00.000*kW)
  power_l1_w: -55, // 21.7.0 (00.000) − 22.7.0 (00.055): export is negative
  power_l2_w: 0,
  power_l3_w: 208, // 1-0:61.7.0(00.208*kW)
  power_import_w: 153,
  power_export_w: 0,
  voltage_l1_v: 233, // 1-0:32.7.0(233.0*V)
  voltage_l2_v: 0, // 1-0:52.7.0(000.0*V): sent as 0, so 0
  voltage_l3_v: 233.9,
  current_l1_a: 0.63,
  current_l2_a: 0.75,
  current_l3_a: 1.03,
  energy_import_t1_kwh: 9087.306,
  energy_import_t2_kwh: 9329.888,
  energy_import_kwh: 18417.194, // no 1.8.0 in the telegram: the sum of both tariffs
  energy_export_t1_kwh: 5635.639,
  energy_export_t2_kwh: 2258.165,
  energy_export_kwh: 7893.804,
  demand_average_w: 118, // 1-0:1.4.0(00.118*kW)
  demand_max_month_w: 1811, // 1-0:1.6.0(240707191500S)(01.811*kW)
  demand_max_month_time: "2024-07-07T19:15:00+02:00",
  gas_m3: 8538.167, // 0-1:24.2.3(240708200459S)(08538.167*m3)
  gas_time: "2024-07-08T20:04:59+02:00",
};
