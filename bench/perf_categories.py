#!/usr/bin/env python3
"""Reads `perf script` output and prints the share of CPU samples by where the leaf frame is (markdown rows)."""
import collections
import re
import sys

RULES = [
    ('kernel: scheduler, wake-ups, epoll', lambda s, d: 'kernel' in d and re.search(r'sched|switch|yield|futex|wake|spin_unlock|hrtimeout|epoll|schedule', s)),
    ('kernel: TCP/IP loopback', lambda s, d: 'kernel' in d and re.search(r'tcp|ip_|skb|net_|sock|inet|dev_|bbr|softirq|__sys_send|__sys_recv', s)),
    ('kernel: other syscalls', lambda s, d: 'kernel' in d),
    ('JIT', lambda s, d: 'libclrjit' in d),
    ('System.Text.Json (+ number/UTF-8 formatting, parsing)', lambda s, d: re.search(r'\[System\.Text\.(Json|Encodings\.Web)\]|FormatFloat|Utf8Parser|Utf8Formatter|Number::|Transcod', s)),
    ('CLR native + libc (allocation, GC, zeroing, stubs)', lambda s, d: re.search(r'libcoreclr|libc\.so|ld-linux|vdso', d) or s.startswith('stub') or 'memset' in s),
    ('grain runtime (Runtime.dll)', lambda s, d: '[Runtime]' in s),
    ('DispatchProxy', lambda s, d: 'DispatchProxy' in s or 'generatedProxy' in s),
    ('Kestrel / ASP.NET Core', lambda s, d: '[Microsoft.AspNetCore' in s or '[Microsoft.Extensions' in s),
    ('HttpClient (System.Net.Http)', lambda s, d: '[System.Net.Http]' in s),
    ('System.Net.Sockets', lambda s, d: '[System.Net.Sockets]' in s or '[System.Net.Primitives]' in s),
    ('System.Uri', lambda s, d: '[System.Private.Uri]' in s),
    ('System.IO.Pipelines', lambda s, d: '[System.IO.Pipelines]' in s),
    ('CoreLib: thread pool, locks, execution context', lambda s, d: '[System.Private.CoreLib]' in s and re.search(r'ThreadPool|WorkQueue|Threading\.(Lock|LowLevel|Semaphore|ExecutionContext|Thread)', s)),
    ('CoreLib: tasks, async, collections, casts', lambda s, d: '[System.Private.CoreLib]' in s),
]


def category(symbol, dso):
    for name, rule in RULES:
        if rule(symbol, dso):
            return name
    return 'other / unresolved'


counts = collections.Counter()
total = 0
leaf = None
for line in sys.stdin:
    if not line.strip():
        if leaf is not None:
            total += 1
            counts[category(*leaf)] += 1
        leaf = None
    elif line.startswith((' ', '\t')):
        match = re.match(r'\s+[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$', line)
        if match and leaf is None:
            leaf = (match.group(1), match.group(2))
if leaf is not None:
    total += 1
    counts[category(*leaf)] += 1
print(f'{total} samples')
print('| where the CPU sample landed | share |')
print('|---|---:|')
for name, count in counts.most_common():
    if count * 1000 >= total * 5:  # 0.5% and up
        print(f'| {name} | {100 * count / total:.1f}% |')
