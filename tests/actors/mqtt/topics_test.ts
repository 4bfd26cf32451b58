import assert from "node:assert/strict";
import { brokerNames, meterSerial, siteTopics } from "../../../actors/mqtt/topics.ts";

Deno.test("the meter's serial is its equipment id, made safe as a topic level", () => {
  assert.equal(
    meterSerial({ equipmentId: "1SAG3100138726" }, "FLU5\\253769484_A"),
    "1SAG3100138726",
  );
  assert.equal(meterSerial({ equipmentId: "E0043 007/05+#" }, "x"), "E0043_007_05__");
  // No equipment id (a rare meter): the header, made safe.
  assert.equal(meterSerial({}, "ISk5\\2MT382-1000"), "ISk5_2MT382-1000");
});

Deno.test("client id and topic prefix default to the serial, and wait for it", () => {
  const unset = { client_id: "", topic_prefix: "" };
  assert.equal(brokerNames(unset, null), null);
  assert.deepEqual(brokerNames(unset, "1SAG"), { clientId: "a1mb-1SAG", topicPrefix: "a1mb/1SAG" });
  // Both set: known before any telegram.
  assert.deepEqual(brokerNames({ client_id: "site7", topic_prefix: "fleet/site7" }, null), {
    clientId: "site7",
    topicPrefix: "fleet/site7",
  });
  // Only one set: the other still needs the serial.
  assert.equal(brokerNames({ client_id: "site7", topic_prefix: "" }, null), null);
  assert.deepEqual(siteTopics("fleet/site7"), {
    state: "fleet/site7/state",
    availability: "fleet/site7/availability",
    diagnostics: "fleet/site7/diagnostics",
  });
});
