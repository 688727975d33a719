// `node dist/cli.js <command> ...`: the command-line front of the core.
process.stdout.write('spark-memory: no command yet\n');
