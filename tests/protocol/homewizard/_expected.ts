/**
 * What a HomeWizard client must read for sample telegrams, written by hand from each telegram's
 * text (the object lines are quoted in the comments), shared by the codec, actor and e2e tests.
 *
 * @module
 */

/** One fixture and the exact `/api/v1/data` body it gives. */
export interface ExpectedData {
  /** File in tests/fixtures/telegrams. */
  readonly file: string;
  /** What the case shows. */
  readonly about: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The cases: 1-phase and 3-phase, with and without gas, with and without capacity tariff. */
export const EXPECTED_DATA: readonly ExpectedData[] = [
  {
    file: "dsmr_parser_FLUVIUS_V171.txt",
    about: "Belgian e-MUCS 3-phase, gas and water, capacity tariff",
    data: {
      smr_version: 50, // 0-0:96.1.4(50217)
      meter_model: "FLU5\\253769484_A", // /FLU5\253769484_A
      unique_id: "3153414733313031303231363035", // 0-0:96.1.1
      active_tariff: 1, // 0-0:96.14.0(0001)
      total_power_import_kwh: 15.792, // 0.034 + 15.758
      total_power_import_t1_kwh: 0.034, // 1-0:1.8.1(000000.034*kWh)
      total_power_import_t2_kwh: 15.758, // 1-0:1.8.2(000015.758*kWh)
      total_power_export_kwh: 0.011, // 0 + 0.011
      total_power_export_t1_kwh: 0, // 1-0:2.8.1(000000.000*kWh)
      total_power_export_t2_kwh: 0.011, // 1-0:2.8.2(000000.011*kWh)
      active_power_w: 0, // 1-0:1.7.0(00.000*kW) − 1-0:2.7.0(00.000*kW)
      active_power_l1_w: 0,
      active_power_l2_w: 0,
      active_power_l3_w: 0,
      active_voltage_l1_v: 234.7, // 1-0:32.7.0(234.7*V)
      active_voltage_l2_v: 234.7,
      active_voltage_l3_v: 234.7,
      active_current_l1_a: 0, // 1-0:31.7.0(000.00*A)
      active_current_l2_a: 0,
      active_current_l3_a: 0,
      active_power_average_w: 2351, // 1-0:1.4.0(02.351*kW)
      montly_power_peak_w: 2589, // 1-0:1.6.0(200509134558S)(02.589*kW)
      montly_power_peak_timestamp: 200509134558,
      total_gas_m3: 112.384, // 0-1:24.2.3(200512134558S)(00112.384*m3)
      gas_timestamp: 200512134558,
      gas_unique_id: "37464C4F32313139303333373333", // 0-1:96.1.1
      external: [
        {
          unique_id: "37464C4F32313139303333373333",
          type: "gas_meter", // 0-1:24.1.0(003)
          timestamp: 200512134558,
          value: 112.384,
          unit: "m3",
        },
        {
          unique_id: "3853414731323334353637383930", // 0-2:96.1.1
          type: "water_meter", // 0-2:24.1.0(007)
          timestamp: 200512134558, // 0-2:24.2.1(200512134558S)(00872.234*m3)
          value: 872.234,
          unit: "m3",
        },
      ],
    },
  },
  {
    file: "arduino-dsmr-fork_test_full_be_3x230V_13months.txt",
    about: "Belgian 3-phase exporting on L1 while importing on L3, gas, capacity tariff",
    data: {
      smr_version: 50,
      meter_model: "FLU5\\253769484_A",
      unique_id: "3153414733313030313338373236",
      active_tariff: 1,
      total_power_import_kwh: 18417.194, // 9087.306 + 9329.888
      total_power_import_t1_kwh: 9087.306,
      total_power_import_t2_kwh: 9329.888,
      total_power_export_kwh: 7893.804, // 5635.639 + 2258.165
      total_power_export_t1_kwh: 5635.639,
      total_power_export_t2_kwh: 2258.165,
      active_power_w: 153, // 1-0:1.7.0(00.153*kW)
      active_power_l1_w: -55, // 1-0:21.7.0(00.000*kW), 1-0:22.7.0(00.055*kW): export is negative
      active_power_l2_w: 0,
      active_power_l3_w: 208, // 1-0:61.7.0(00.208*kW)
      active_voltage_l1_v: 233, // 1-0:32.7.0(233.0*V)
      active_voltage_l2_v: 0, // 1-0:52.7.0(000.0*V): the meter says 0, so 0
      active_voltage_l3_v: 233.9,
      active_current_l1_a: 0.63, // 1-0:31.7.0(000.63*A): a magnitude, as sent
      active_current_l2_a: 0.75,
      active_current_l3_a: 1.03,
      active_power_average_w: 118, // 1-0:1.4.0(00.118*kW)
      montly_power_peak_w: 1811, // 1-0:1.6.0(240707191500S)(01.811*kW)
      montly_power_peak_timestamp: 240707191500,
      total_gas_m3: 8538.167, // 0-1:24.2.3(240708200459S)(08538.167*m3)
      gas_timestamp: 240708200459,
      gas_unique_id: "37464C4F32313139313532383033",
      external: [{
        unique_id: "37464C4F32313139313532383033",
        type: "gas_meter",
        timestamp: 240708200459,
        value: 8538.167,
        unit: "m3",
      }],
    },
  },
  {
    file: "influx-recorder_BE_1ph_50216_nogas.txt",
    about: "Belgian 1-phase, no gas, no capacity tariff objects",
    data: {
      smr_version: 50, // 0-0:96.1.4(50216)
      meter_model: "FLU5\\253770234_A",
      unique_id: "3153414731313035343239303939",
      active_tariff: 2,
      total_power_import_kwh: 10.629, // 3.689 + 6.940
      total_power_import_t1_kwh: 3.689,
      total_power_import_t2_kwh: 6.94,
      total_power_export_kwh: 26.618, // 22.354 + 4.264
      total_power_export_t1_kwh: 22.354,
      total_power_export_t2_kwh: 4.264,
      active_power_w: 278, // 1-0:1.7.0(00.278*kW)
      active_power_l1_w: 278, // 1-0:21.7.0(00.278*kW)
      active_voltage_l1_v: 233.3, // 1-0:32.7.0(233.3*V)
      active_current_l1_a: 1.51, // 1-0:31.7.0(001.51*A)
    },
  },
  {
    file: "dsmr_parser_V5.txt",
    about: "Dutch DSMR 5 3-phase with gas, sag/swell and power-failure counters",
    data: {
      smr_version: 50, // 1-3:0.2.8(50)
      meter_model: "ISk5\\2MT382-1000",
      unique_id: "4B384547303034303436333935353037",
      active_tariff: 2,
      total_power_import_kwh: 6.825, // 4.426 + 2.399
      total_power_import_t1_kwh: 4.426,
      total_power_import_t2_kwh: 2.399,
      total_power_export_kwh: 2.444,
      total_power_export_t1_kwh: 2.444,
      total_power_export_t2_kwh: 0,
      active_power_w: 244, // 1-0:1.7.0(00.244*kW)
      active_power_l1_w: 70,
      active_power_l2_w: 32,
      active_power_l3_w: 142,
      active_voltage_l1_v: 230, // 1-0:32.7.0(0230.0*V)
      active_voltage_l2_v: 230,
      active_voltage_l3_v: 229,
      active_current_l1_a: 0.48,
      active_current_l2_a: 0.44,
      active_current_l3_a: 0.86,
      voltage_sag_l1_count: 0, // 1-0:32.32.0(00000)
      voltage_sag_l2_count: 0,
      voltage_sag_l3_count: 0,
      voltage_swell_l1_count: 0, // 1-0:32.36.0(00000)
      voltage_swell_l2_count: 0,
      voltage_swell_l3_count: 0,
      any_power_fail_count: 13, // 0-0:96.7.21(00013)
      long_power_fail_count: 0, // 0-0:96.7.9(00000)
      total_gas_m3: 0.107, // 0-1:24.2.1(170102161005W)(00000.107*m3)
      gas_timestamp: 170102161005,
      gas_unique_id: "3232323241424344313233343536373839", // 0-1:96.1.0
      // Channel 2 is a gas meter with no id and no value: not listed.
      external: [{
        unique_id: "3232323241424344313233343536373839",
        type: "gas_meter",
        timestamp: 170102161005,
        value: 0.107,
        unit: "m3",
      }],
    },
  },
  {
    file: "arduino-dsmr_KFM5KAIFA_full_1ph_v40.txt",
    about: "Dutch DSMR 4 1-phase with gas, whole-amp current, no voltage",
    data: {
      smr_version: 40, // 1-3:0.2.8(40)
      meter_model: "KFM5KAIFA-METER",
      unique_id: "0000000000000000000000000000000000", // passed on as sent
      active_tariff: 1,
      total_power_import_kwh: 1514.05, // 671.578 + 842.472
      total_power_import_t1_kwh: 671.578,
      total_power_import_t2_kwh: 842.472,
      total_power_export_kwh: 0,
      total_power_export_t1_kwh: 0,
      total_power_export_t2_kwh: 0,
      active_power_w: 333, // 1-0:1.7.0(00.333*kW)
      active_power_l1_w: 332, // 1-0:21.7.0(00.332*kW)
      active_current_l1_a: 1, // 1-0:31.7.0(001*A)
      voltage_sag_l1_count: 0,
      voltage_swell_l1_count: 0,
      any_power_fail_count: 8,
      long_power_fail_count: 7,
      total_gas_m3: 473.789, // 0-1:24.2.1(150117180000W)(00473.789*m3)
      gas_timestamp: 150117180000,
      gas_unique_id: "0000000000000000000000000000000000",
      external: [{
        unique_id: "0000000000000000000000000000000000",
        type: "gas_meter",
        timestamp: 150117180000,
        value: 473.789,
        unit: "m3",
      }],
    },
  },
  {
    file: "geduxas-arduino-dsmr_test_be_partial.txt",
    about: "most objects absent: nothing but what the telegram has",
    data: {
      smr_version: 50,
      meter_model: "FLU5\\253769484_A",
      montly_power_peak_w: 1811,
      montly_power_peak_timestamp: 240707191500,
      // 0-1:24.2.3 without 0-1:24.1.0: no device type, so no gas.
    },
  },
];
