import assert from "node:assert/strict";
import {
  type MetricFamily,
  PROMETHEUS_CONTENT_TYPE,
  prometheusText,
} from "../../../drivers/control/mod.ts";

const PYTHON = "/usr/bin/python3";

/** A family of each type, as a1mb would expose them. */
const FAMILIES: readonly MetricFamily[] = [
  {
    type: "counter",
    name: "a1mb_telegrams_total",
    help: "Telegrams received, by result.",
    samples: [
      { labels: { result: "accepted" }, value: 1200 },
      { labels: { result: "crc_error" }, value: 3 },
    ],
  },
  {
    type: "gauge",
    name: "a1mb_power_watts",
    help: "Active power per phase.\nPositive = import.",
    samples: [
      { labels: { phase: "L1" }, value: -512.5 },
      { labels: { phase: "L2" }, value: NaN },
      { labels: { phase: "L3" }, value: Infinity },
    ],
  },
  {
    type: "histogram",
    name: "a1mb_handler_seconds",
    help: "Handler run time.",
    samples: [{
      labels: { actor: "registerStore" },
      bounds: [0.001, 0.01, 0.1],
      cumulativeCounts: [5, 8, 9],
      sum: 0.25,
      count: 10,
    }],
  },
];

Deno.test("prometheus text renders HELP, TYPE, samples and histogram series as format 0.0.4", () => {
  // Written out from the exposition format specification, not produced by the code.
  const expected = [
    "# HELP a1mb_telegrams_total Telegrams received, by result.",
    "# TYPE a1mb_telegrams_total counter",
    'a1mb_telegrams_total{result="accepted"} 1200',
    'a1mb_telegrams_total{result="crc_error"} 3',
    "# HELP a1mb_power_watts Active power per phase.\\nPositive = import.",
    "# TYPE a1mb_power_watts gauge",
    'a1mb_power_watts{phase="L1"} -512.5',
    'a1mb_power_watts{phase="L2"} NaN',
    'a1mb_power_watts{phase="L3"} +Inf',
    "# HELP a1mb_handler_seconds Handler run time.",
    "# TYPE a1mb_handler_seconds histogram",
    'a1mb_handler_seconds_bucket{actor="registerStore",le="0.001"} 5',
    'a1mb_handler_seconds_bucket{actor="registerStore",le="0.01"} 8',
    'a1mb_handler_seconds_bucket{actor="registerStore",le="0.1"} 9',
    'a1mb_handler_seconds_bucket{actor="registerStore",le="+Inf"} 10',
    'a1mb_handler_seconds_sum{actor="registerStore"} 0.25',
    'a1mb_handler_seconds_count{actor="registerStore"} 10',
    "",
  ].join("\n");
  assert.equal(prometheusText(FAMILIES), expected);
  assert.equal(PROMETHEUS_CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
});

Deno.test("prometheus text escapes backslash, quote and newline in label values and help", () => {
  const text = prometheusText([{
    type: "gauge",
    name: "a1mb_info",
    help: "Path C:\\a1mb",
    samples: [{ labels: { device: 'say "hi"\\\nbye' }, value: 1 }],
  }]);
  assert.equal(
    text,
    [
      "# HELP a1mb_info Path C:\\\\a1mb",
      "# TYPE a1mb_info gauge",
      'a1mb_info{device="say \\"hi\\"\\\\\\nbye"} 1',
      "",
    ].join("\n"),
  );
});

Deno.test("prometheus text of samples without labels and of no families", () => {
  assert.equal(
    prometheusText([{ type: "gauge", name: "up", help: "Up.", samples: [{ value: 1 }] }]),
    "# HELP up Up.\n# TYPE up gauge\nup 1\n",
  );
  assert.equal(prometheusText([]), "");
});

/** Families that break a naming or value rule, and the error they raise. */
const INVALID: Record<string, { family: MetricFamily; error: RegExp }> = {
  // Names start with a letter or underscore.
  "name starting with a digit": {
    family: { type: "gauge", name: "1a1mb", help: "", samples: [] },
    error: /Invalid metric name "1a1mb"/,
  },
  // A dash is not allowed anywhere.
  "name with a dash": {
    family: { type: "gauge", name: "a1mb-up", help: "", samples: [] },
    error: /Invalid metric name "a1mb-up"/,
  },
  // Colons are for recording rules, not exporters.
  "name with a colon": {
    family: { type: "gauge", name: "a1mb:up", help: "", samples: [] },
    error: /colons are reserved/,
  },
  // Counters end in _total.
  "counter without _total": {
    family: { type: "counter", name: "a1mb_telegrams", help: "", samples: [{ value: 1 }] },
    error: /ends in _total/,
  },
  // Counters never go negative.
  "negative counter": {
    family: { type: "counter", name: "a1mb_x_total", help: "", samples: [{ value: -1 }] },
    error: /not ≥ 0/,
  },
  // Label names starting with __ are reserved for Prometheus.
  "reserved label name": {
    family: {
      type: "gauge",
      name: "a1mb_x",
      help: "",
      samples: [{ labels: { __x: "1" }, value: 1 }],
    },
    error: /Invalid label name "__x"/,
  },
  // Label names follow the same character rules as metric names.
  "label name with a dot": {
    family: {
      type: "gauge",
      name: "a1mb_x",
      help: "",
      samples: [{ labels: { "a.b": "1" }, value: 1 }],
    },
    error: /Invalid label name "a.b"/,
  },
  // Two series with the same labels would be rejected by the scraper.
  "duplicate series": {
    family: {
      type: "gauge",
      name: "a1mb_x",
      help: "",
      samples: [{ labels: { a: "1" }, value: 1 }, { labels: { a: "1" }, value: 2 }],
    },
    error: /duplicate series \{a="1"\}/,
  },
  // le is the bucket label of histograms.
  "histogram with an le label": {
    family: {
      type: "histogram",
      name: "a1mb_h",
      help: "",
      samples: [{ labels: { le: "1" }, bounds: [], cumulativeCounts: [], sum: 0, count: 0 }],
    },
    error: /label "le" is reserved/,
  },
  // Bounds must increase.
  "histogram bounds out of order": {
    family: {
      type: "histogram",
      name: "a1mb_h",
      help: "",
      samples: [{ bounds: [1, 0.5], cumulativeCounts: [1, 1], sum: 1, count: 1 }],
    },
    error: /bounds must be finite and increasing/,
  },
  // Bucket counts are cumulative.
  "histogram counts not cumulative": {
    family: {
      type: "histogram",
      name: "a1mb_h",
      help: "",
      samples: [{ bounds: [1, 2], cumulativeCounts: [3, 2], sum: 1, count: 3 }],
    },
    error: /cumulative/,
  },
  // No bucket holds more than all observations.
  "histogram bucket above count": {
    family: {
      type: "histogram",
      name: "a1mb_h",
      help: "",
      samples: [{ bounds: [1], cumulativeCounts: [4], sum: 1, count: 3 }],
    },
    error: /≤ count/,
  },
};

for (const [name, c] of Object.entries(INVALID)) {
  Deno.test(`prometheus text refuses an invalid family (${name})`, () => {
    assert.throws(() => prometheusText([c.family]), c.error);
  });
}

Deno.test("prometheus text refuses two families that produce the same series name", () => {
  const gauge: MetricFamily = { type: "gauge", name: "a1mb_h_count", help: "", samples: [] };
  const histogram: MetricFamily = { type: "histogram", name: "a1mb_h", help: "", samples: [] };
  assert.throws(() => prometheusText([histogram, gauge]), /duplicate name "a1mb_h_count"/);
  assert.throws(() => prometheusText([gauge, gauge]), /duplicate name "a1mb_h_count"/);
});

Deno.test("python's prometheus_client parser reads our text back: names, types, labels, values", async () => {
  const text = prometheusText([
    ...FAMILIES,
    {
      type: "gauge",
      name: "a1mb_info",
      help: "Tricky labels.",
      samples: [{ labels: { device: 'say "hi"\\\nbye', empty: "" }, value: 1 }],
    },
  ]);
  const script = [
    "import json, math, sys",
    "from prometheus_client.parser import text_string_to_metric_families",
    "out = []",
    "for f in text_string_to_metric_families(sys.stdin.read()):",
    "    for s in f.samples:",
    "        v = s.value",
    "        v = 'NaN' if math.isnan(v) else ('+Inf' if v == math.inf else v)",
    "        out.append([f.name, f.type, f.documentation, s.name, s.labels, v])",
    "print(json.dumps(out))",
  ].join("\n");
  const child = new Deno.Command(PYTHON, {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const out = await child.output();
  const stderr = new TextDecoder().decode(out.stderr);
  if (stderr.includes("No module named 'prometheus_client'")) {
    throw new Error(
      "python3-prometheus-client is missing: install the Debian package python3-prometheus-client",
    );
  }
  assert.equal(out.code, 0, stderr);
  const parsed = JSON.parse(new TextDecoder().decode(out.stdout));
  // prometheus_client strips _total from counter family names.
  assert.deepEqual(parsed, [
    ["a1mb_telegrams", "counter", "Telegrams received, by result.", "a1mb_telegrams_total", {
      result: "accepted",
    }, 1200],
    ["a1mb_telegrams", "counter", "Telegrams received, by result.", "a1mb_telegrams_total", {
      result: "crc_error",
    }, 3],
    [
      "a1mb_power_watts",
      "gauge",
      "Active power per phase.\nPositive = import.",
      "a1mb_power_watts",
      { phase: "L1" },
      -512.5,
    ],
    [
      "a1mb_power_watts",
      "gauge",
      "Active power per phase.\nPositive = import.",
      "a1mb_power_watts",
      { phase: "L2" },
      "NaN",
    ],
    [
      "a1mb_power_watts",
      "gauge",
      "Active power per phase.\nPositive = import.",
      "a1mb_power_watts",
      { phase: "L3" },
      "+Inf",
    ],
    ["a1mb_handler_seconds", "histogram", "Handler run time.", "a1mb_handler_seconds_bucket", {
      actor: "registerStore",
      le: "0.001",
    }, 5],
    ["a1mb_handler_seconds", "histogram", "Handler run time.", "a1mb_handler_seconds_bucket", {
      actor: "registerStore",
      le: "0.01",
    }, 8],
    ["a1mb_handler_seconds", "histogram", "Handler run time.", "a1mb_handler_seconds_bucket", {
      actor: "registerStore",
      le: "0.1",
    }, 9],
    ["a1mb_handler_seconds", "histogram", "Handler run time.", "a1mb_handler_seconds_bucket", {
      actor: "registerStore",
      le: "+Inf",
    }, 10],
    ["a1mb_handler_seconds", "histogram", "Handler run time.", "a1mb_handler_seconds_sum", {
      actor: "registerStore",
    }, 0.25],
    ["a1mb_handler_seconds", "histogram", "Handler run time.", "a1mb_handler_seconds_count", {
      actor: "registerStore",
    }, 10],
    [
      "a1mb_info",
      "gauge",
      "Tricky labels.",
      "a1mb_info",
      { device: 'say "hi"\\\nbye', empty: "" },
      1,
    ],
  ]);
});
