// Extracts, from GitHub's own OpenAPI description of its REST API (npm @octokit/openapi), the operations pipfix
// calls, as src/test/resources/openapi/operations.json: each operation's parameters and request body schema, and
// whether GitHub Enterprise Server 3.17 has it too. The tests hold every request pipfix makes against that file
// (testing/OpenApiContract). Run again when pipfix calls a new endpoint, or to move to a newer description:
//
//   npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
//   node src/test/openapi/extract.js package/generated > src/test/resources/openapi/operations.json
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
// the operations pipfix calls, and only those: a request to any other fails the tests
const OPERATIONS = [
  "GET /app",
  "GET /app/installations",
  "GET /app/installations/{installation_id}",
  "POST /app/installations/{installation_id}/access_tokens",
  "GET /app/hook/deliveries",
  "POST /app/hook/deliveries/{delivery_id}/attempts",
  "POST /app-manifests/{code}/conversions",
  "DELETE /applications/{client_id}/token",
  "GET /user",
  "GET /user/memberships/orgs/{org}",
  "GET /repos/{owner}/{repo}",
  "GET /repos/{owner}/{repo}/installation",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
  "GET /repos/{owner}/{repo}/actions/jobs/{job_id}",
  "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
  "GET /repos/{owner}/{repo}/contents/{path}",
  "GET /repos/{owner}/{repo}/pulls",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}",
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "GET /repos/{owner}/{repo}/branches/{branch}",
  "GET /repos/{owner}/{repo}/commits",
  "PUT /repos/{owner}/{repo}/contents/{path}",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "PATCH /repos/{owner}/{repo}/comments/{comment_id}",
];

const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const dotcom = read("api.github.com.deref.json");
const ghes = read("ghes-3.17.deref.json");

function body(op) {
  if (!op.requestBody) return null;
  const content = op.requestBody.content || {};
  const types = Object.keys(content);
  const schema = (content["application/json"] || {}).schema || {};
  return {
    required: !!op.requestBody.required,
    contentTypes: types,
    properties: schema.properties ? Object.keys(schema.properties) : null,
    requiredProperties: schema.required || [],
  };
}

const operations = [];
for (const name of OPERATIONS) {
  const [method, p] = name.split(" ");
  const op = (dotcom.paths[p] || {})[method.toLowerCase()];
  if (!op) throw new Error("not in the description: " + name);
  operations.push({
    method,
    path: p,
    operationId: op.operationId,
    ghes317: !!(ghes.paths[p] && ghes.paths[p][method.toLowerCase()]),
    parameters: (op.parameters || []).map((q) => ({ name: q.name, in: q.in, required: !!q.required })),
    requestBody: body(op),
  });
}
process.stdout.write(
  JSON.stringify({ source: "@octokit/openapi " + dotcom.info.version + " (api.github.com, ghes-3.17)", operations }, null, 1) + "\n");
