// What a TypeScript receiver writes, checked with `tsc --strict --noEmit` against
// schema/typescript (wa-webhook-cli/tests/schema.rs): every narrowing below must type-check.
import type { Change, Notification, UnknownChange, UnrecognizedMessage } from "../../schema/typescript/index";

export function handle(notification: Notification): string[] {
  const out: string[] = [];
  for (const entry of notification.entry) {
    for (const change of entry.changes) {
      // field -> value
      if (change.field === "messages") {
        for (const message of change.value.messages ?? []) {
          // type -> payload
          if (message.type === "text") {
            const body: string = message.text.body;
            out.push(body);
          } else if (message.type === "reaction") {
            out.push(`${message.reaction.message_id} ${message.reaction.emoji ?? "(removed)"}`);
          } else if (message.type === "interactive") {
            // a nested tag narrows too
            const reply = message.interactive;
            if (reply?.type === "button_reply") {
              out.push(reply.button_reply.title);
            }
          }
        }
        for (const status of change.value.statuses ?? []) {
          // status -> errors
          if (status.status === "failed") {
            for (const error of status.errors ?? []) {
              out.push(`${status.id} ${error.code} ${error.title}`);
            }
          }
        }
      } else if (change.field === "security") {
        out.push(change.value.event);
      }
    }
  }
  return out;
}

// Something new from Meta stays representable, apart from what narrows.
export function unknown(change: Change): string | undefined {
  switch (change.field) {
    case "messages":
    case "security":
      return undefined;
    default:
      return String(change.field);
  }
}

export function isUnknownField(change: Change): change is UnknownChange {
  return typeof change.value === "undefined" || change.field.length < 0;
}

export function unknownType(message: UnrecognizedMessage): string {
  return String(message.type);
}

// A switch on a message's `type` narrows each case: a known message always has its `type`
// (one sent without it is an UntaggedMessage), so the cases need no `undefined`, and the
// default takes what is new or untagged.
export function summary(message: import("../../schema/typescript/index").Message): string {
  switch (message.type) {
    case "text":
      return message.text.body;
    case "reaction":
      return message.reaction.message_id;
    default:
      return "other";
  }
}

// Every known message's `type` is required: one without it is no TextMessage.
// @ts-expect-error `type` is missing
const untypedText: import("../../schema/typescript/index").TextMessage = {
  from: "16505551234", id: "wamid.X", timestamp: "1749416383", text: { body: "hi" },
};
export { untypedText };

// Enumerated values are open: a value Meta adds later still type-checks.
const laterStatus: import("../../schema/typescript/index").DeliveryStatus = "x_example_unknown_status";
export { laterStatus };
