// The Probot app bench/load.sh runs: what a user who picked Probot would write first. It handles workflow_run.completed
// and counts the events its handler saw; GET /count answers that number, so the script can check that every delivery
// answered 2xx reached the handler. It stores nothing, as Probot apps usually do not.
let seen = 0;

export default (app, { addHandler }) => {
  app.on("workflow_run.completed", async () => {
    seen++;
  });
  addHandler((req, res) => {
    if (req.method === "GET" && req.url === "/count") {
      res.writeHead(200, { "content-type": "text/plain" }).end(String(seen));
      return true;
    }
    return false;
  });
};
