import assert from "node:assert/strict";
import { describeValue, maskUrlPassword, quoteText } from "../../config/describe.ts";

/** Texts and how they are shown: a URL's password masked, everything else as it is. */
const MASKED: readonly [string, string][] = [
  // The common case.
  ["mqtt://a1mb:s3cret@192.0.2.10", "mqtt://a1mb:***@192.0.2.10"],
  // With a port, TLS, an IPv6 host.
  ["mqtts://a1mb:s3cret@[2001:db8::1]:8883", "mqtts://a1mb:***@[2001:db8::1]:8883"],
  // A password holding "@", "/" and ":" is masked up to the last "@".
  ["mqtt://a1mb:p@s/s:w@broker", "mqtt://a1mb:***@broker"],
  // An empty user name, a password alone.
  ["mqtt://:s3cret@broker", "mqtt://:***@broker"],
  // No scheme: still a password.
  ["a1mb:s3cret@broker:1883", "a1mb:***@broker:1883"],
  // A mistyped scheme masks more, never less.
  ["mqtt:/a1mb:s3cret@broker", "mqtt:***@broker"],
  // A user name alone is not a secret.
  ["mqtt://a1mb@broker", "mqtt://a1mb@broker"],
  // No "@": nothing to mask (a port is not a password).
  ["mqtt://broker:1883", "mqtt://broker:1883"],
  ["127.0.0.1:9118", "127.0.0.1:9118"],
  ["/dev/serial/by-id/usb-FTDI_FT232R-if00-port0", "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0"],
];

Deno.test("a URL's password is masked wherever a value is shown; other text is kept", () => {
  for (const [text, shown] of MASKED) {
    assert.equal(maskUrlPassword(text), shown, text);
    assert.equal(quoteText(text), JSON.stringify(shown), text);
    assert.equal(describeValue(text), JSON.stringify(shown), text);
  }
});

Deno.test("values that are not text are described as TOML writes them", () => {
  assert.equal(describeValue(9600n), "9600");
  assert.equal(describeValue(9600), "9600.0");
  assert.equal(describeValue(true), "true");
  assert.equal(describeValue(["a"]), "an array");
  assert.equal(describeValue({ a: 1 }), "a table");
});
