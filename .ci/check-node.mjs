// The action runs on Node 24 (action.yml: runs.using node24): the tests must run on it too. npm puts
// node_modules/.bin (the `node` package's Node 24 binary) first on PATH for npm scripts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`tests need Node 24 (the action's runtime); this is Node ${process.versions.node}. Run them with "npm test" after "npm ci" (the devDependency "node@24" provides the binary).`);
  process.exit(1);
}
console.log(`node ${process.versions.node}`);
