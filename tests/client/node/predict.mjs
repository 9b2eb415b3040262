// Drives the real @gradio/client against a live server; prints one JSON line per result.
//   node predict.mjs <url> predict   -> {"data": [...]}              (client.predict("/greet", ...))
//   node predict.mjs <url> submit    -> {"data": [[...], ...], "stages": [...]} (client.submit("/gen", ...))
import { Client } from "@gradio/client";

const [url, mode = "predict"] = process.argv.slice(2);
if (!url) {
  console.error("usage: node predict.mjs <url> [predict|submit]");
  process.exit(2);
}

const client = await Client.connect(url, { events: ["data", "status"] });
try {
  if (mode === "predict") {
    const result = await client.predict("/greet", { name: "Ada", intensity: 3 });
    console.log(JSON.stringify({ data: result.data }));
  } else if (mode === "submit") {
    const job = client.submit("/gen", { word: "hey" });
    const data = [];
    const stages = [];
    for await (const message of job) {
      if (message.type === "data") data.push(message.data);
      if (message.type === "status") {
        stages.push(message.stage);
        if (message.stage === "complete" || message.stage === "error") break;
      }
    }
    console.log(JSON.stringify({ data, stages }));
  } else {
    console.error(`unknown mode ${mode}`);
    process.exit(2);
  }
} finally {
  client.close();
}
process.exit(0);
