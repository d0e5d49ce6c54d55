#!/usr/bin/env node
// Syntax check of MQL5 sources (.mq5, .mqh) with the tree-sitter C++ grammar.
//
// MQL5 is C++-like; no MQL5 compiler runs on Linux, so this is the check CI can do. MQL5's few extra
// constructs are blanked out first, keeping every line and column in place so reported positions are
// the file's own:
//   - the `input` / `sinput` storage keywords and whole `input group "..."` lines,
//   - datetime and color literals D'2024.01.01 00:00' and C'255,0,0' (become 0).
// `#property`, `#import "x.dll"` ... `#import` and `#include <Trade\Trade.mqh>` parse as preprocessor
// lines already. Any ERROR or MISSING node is reported as FILE:LINE:COL and the exit status is 1.
//
// usage: node check.js PATH...   (files, or folders searched for .mq5/.mqh)
'use strict';

const fs = require('fs');
const path = require('path');

let Parser;
let Cpp;
try {
  Parser = require('tree-sitter');
  Cpp = require('tree-sitter-cpp');
} catch (e) {
  console.error('mql5-check: tree-sitter is not installed: run `npm ci` in mql5/tools (' + e.message + ')');
  process.exit(2);
}

/** MQL5 text → C++ text of the same length, line by line. */
function preprocess(text) {
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/^[ \t]*input[ \t]+group[ \t]+"[^"\n]*"[ \t]*;?/gm, blank)
    .replace(/^([ \t]*)(sinput|input)\b/gm, (m, indent, kw) => indent + blank(kw))
    .replace(/\b[DC]'[^'\n]*'/g, (m) => '0' + blank(m.slice(1)));
}

/** The problems of one source text: [{line, column, message}], 1-based. */
function check(text) {
  const parser = new Parser();
  parser.setLanguage(Cpp);
  const tree = parser.parse(preprocess(text));
  const problems = [];
  const lines = text.split('\n');
  (function walk(node) {
    if (node.type === 'ERROR' || node.isMissing) {
      const p = node.startPosition;
      const what = node.isMissing ? 'missing ' + node.type : 'syntax error';
      const src = (lines[p.row] || '').trim();
      problems.push({ line: p.row + 1, column: p.column + 1, message: what + ' near: ' + src.slice(0, 80) });
      if (node.type === 'ERROR') {
        return; // one report per broken region
      }
    }
    if (!node.hasError && !node.isMissing) {
      return;
    }
    for (let i = 0; i < node.childCount; i++) {
      walk(node.child(i));
    }
  })(tree.rootNode);
  return problems;
}

function sources(p) {
  const st = fs.statSync(p);
  if (st.isFile()) {
    return [p];
  }
  return fs.readdirSync(p).sort().flatMap((n) => {
    const child = path.join(p, n);
    if (fs.statSync(child).isDirectory()) {
      return n === 'node_modules' ? [] : sources(child);
    }
    return /\.mq[5h]$/i.test(n) ? [child] : [];
  });
}

function main(args) {
  if (args.length === 0) {
    console.error('usage: node check.js PATH...');
    return 2;
  }
  let files = [];
  for (const a of args) {
    if (!fs.existsSync(a)) {
      console.error('mql5-check: no such file or folder: ' + a);
      return 2;
    }
    files = files.concat(sources(a));
  }
  if (files.length === 0) {
    console.error('mql5-check: no .mq5/.mqh files under ' + args.join(' '));
    return 2;
  }
  let bad = 0;
  for (const f of files) {
    let text = fs.readFileSync(f);
    // MetaEditor saves UTF-16LE with a BOM by default; accept it as well as UTF-8.
    text = (text[0] === 0xff && text[1] === 0xfe) ? text.toString('utf16le').slice(1) : text.toString('utf8').replace(/^\uFEFF/, '');
    const problems = check(text.replace(/\r\n/g, '\n'));
    for (const p of problems) {
      console.log(f + ':' + p.line + ':' + p.column + ': ' + p.message);
    }
    bad += problems.length > 0 ? 1 : 0;
  }
  console.log('mql5-check: ' + files.length + ' file(s), ' + (bad === 0 ? 'no syntax errors' : bad + ' with syntax errors'));
  return bad === 0 ? 0 : 1;
}

module.exports = { preprocess, check };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
