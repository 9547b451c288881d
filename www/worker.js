// The web worker that checks files for the hosted page (started by
// www/boot.js): its own instance of the checker (web/src/checker.rs), from the
// compiled module the page hands over and the JS glue at `init.js`, nothing
// else fetched. xtask/pack.mjs writes the loop in below: `workerScript` of
// www/checker.js, the one loop of every worker (its messages are described
// there).
/*__NIANBAO_WORKER_LOOP__*/
