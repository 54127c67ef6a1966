// The order of a message's states, as a TypeScript receiver uses it against statuses that
// arrive out of order: compiled with `tsc --strict` and run with node
// (wa-webhook-cli/tests/schema.rs). The constants are typed with the declarations' order, so
// the compiler holds them to the spec.
import type { DeliveryStatus, DeliveryStatusFinal, DeliveryStatusOrder } from "../../schema/typescript/index";

const ORDER: DeliveryStatusOrder = ["sent", "delivered", "read", "played"];
const FINAL: readonly DeliveryStatusFinal[] = ["failed"];

/** Whether a status update moves the message forward from the state stored for it. */
export function movesForward(state: DeliveryStatus, previous: DeliveryStatus): boolean {
  const isFinal = (value: DeliveryStatus) => (FINAL as readonly string[]).indexOf(value) >= 0;
  const place = (value: DeliveryStatus) => (ORDER as readonly string[]).indexOf(value);
  if (state === previous || isFinal(previous)) return false;
  if (isFinal(state)) return true;
  if (place(state) < 0) return false;
  return place(previous) < 0 || place(state) > place(previous);
}

const checks: [DeliveryStatus, DeliveryStatus, boolean][] = [
  ["read", "delivered", true],
  ["sent", "read", false],
  ["failed", "read", true],
  ["read", "failed", false],
];
for (const [state, previous, expected] of checks) {
  if (movesForward(state, previous) !== expected) {
    throw new Error(`${state} after ${previous}: expected ${expected}`);
  }
}
console.log("order: read after delivered moves forward, sent after read does not");
