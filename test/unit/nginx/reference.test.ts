import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { directiveDoc, variableDoc } from '../../../server/src/nginx/reference';

test('listen inside an http server documents the http core module', () => {
  const doc = directiveDoc('listen', ['http', 'server']);
  assert.ok(doc);
  assert.match(doc, /Syntax/);
  assert.match(doc, /\*\*Module:\*\* \[ngx_http_core_module\]/);
  assert.match(doc, /```nginx\nlisten address\[:port\] \[default_server\]/);
  assert.match(doc, /Also defined by .*ngx_stream_core_module/);
});

test('listen inside a stream server documents the stream core module', () => {
  const doc = directiveDoc('listen', ['stream', 'server']);
  assert.ok(doc);
  assert.match(doc, /\*\*Module:\*\* \[ngx_stream_core_module\]/);
  assert.match(doc, /Also defined by .*ngx_http_core_module/);
});

test('without a context the http module wins', () => {
  assert.match(directiveDoc('listen') ?? '', /\*\*Module:\*\* \[ngx_http_core_module\]/);
  assert.match(directiveDoc('map', ['stream']) ?? '', /ngx_stream_map_module\.html#map/);
});

test('main-context directives link to the core module page', () => {
  const doc = directiveDoc('worker_processes', []);
  assert.ok(doc);
  assert.match(doc, /\*\*Default:\*\* `worker_processes 1;`/);
  assert.match(doc, /docs\/ngx_core_module\.html#worker_processes/);
});

test('block syntax keeps its braces and drops the terminator', () => {
  assert.match(directiveDoc('location', ['http', 'server']) ?? '', /location @name \{\.\.\.\}\n/);
});

test('unknown names have no documentation', () => {
  assert.equal(directiveDoc('no_such_directive', ['http']), undefined);
  assert.equal(variableDoc('$no_such_variable'), undefined);
  assert.equal(variableDoc('$http_'), undefined);
});

test('variables are documented with or without the dollar sign', () => {
  const doc = variableDoc('$host');
  assert.ok(doc);
  assert.match(doc, /\*\*\$host\*\*/);
  assert.match(doc, /ngx_http_core_module\.html#var_host\)/);
  assert.equal(variableDoc('host'), doc);
  assert.equal(variableDoc('${host}'), doc);
});

test('header variables fall back to the family entry', () => {
  const doc = variableDoc('$http_user_agent');
  assert.ok(doc);
  assert.match(doc, /\*\*\$http_NAME\*\*/);
  assert.match(doc, /#var_http_\)/);
  assert.match(variableDoc('$upstream_http_server') ?? '', /\$upstream_http_NAME/);
});

test('a variable both protocols define follows the context', () => {
  assert.match(variableDoc('$hostname', ['stream']) ?? '', /ngx_stream_core_module/);
  assert.match(variableDoc('$hostname') ?? '', /ngx_http_core_module/);
});
