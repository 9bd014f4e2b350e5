#!/usr/bin/env node
// Prints {"file.tf": <its HCL as JSON>, ...} for every .tf file of the folder given (or, with files,
// of those files). Used by tests/Epy.Deployment.Tests: no terraform binary or provider is needed.
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

async function main(args) {
  if (args.length === 0) {
    process.stderr.write('usage: hcl2json.js FOLDER | FILE.tf...\n');
    return 2;
  }
  const files = args.length === 1 && fs.statSync(args[0]).isDirectory()
    ? fs.readdirSync(args[0]).filter((name) => name.endsWith('.tf')).sort().map((name) => path.join(args[0], name))
    : args;
  const out = {};
  for (const file of files) {
    try {
      out[path.basename(file)] = await parse(file, fs.readFileSync(file, 'utf8'));
    } catch (error) {
      process.stderr.write(`${file}: ${error && error.message ? error.message : error}\n`);
      return 1;
    }
  }
  process.stdout.write(JSON.stringify(out));
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
