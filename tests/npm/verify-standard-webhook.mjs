// Verifies one webhook delivery as a receiver would, with the Standard Webhooks library:
// reads { secret, headers, body, now } as JSON on stdin and prints "valid" or "invalid: <why>".
// `now` (Unix seconds) is the receiver's clock: the tests run Arbiter on a simulated one.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { secret, headers, body, now } = JSON.parse(input);
Date.now = () => now * 1000;
try {
  new Webhook(secret).verify(body, headers);
  console.log("valid");
} catch (e) {
  console.log(`invalid: ${e.message}`);
}
