;; The quote-aware tokenizer of byte-tokens.ts, in WebAssembly with 128-bit SIMD, and
;; the copy of a line's spans into the staging columns (copyText). The tokenizer
;; compares sixteen bytes at a time where JavaScript could compare four (SWAR), and was
;; 3.8 times as fast over the bench's nginx lines (710 -> 187 ns a line; docs/performance.md,
;; fifteenth round). This file is the tokenizer's only definition; byte-tokens.ts calls it.
;; byte-tokens-wasm.ts holds the compiled bytes (`npm run wasm` writes it; a test checks
;; that it is this file's compilation).
;;
;; A token is one of:
;;  - `"..."`: a quoted field; a quote right after a backslash is escaped (ALB docs;
;;    nginx `escape=default` never writes a raw quote, it writes `\x22`);
;;  - `[...]`: a bracketed field (nginx `$time_local`);
;;  - a bare run of bytes other than space and tab, which may hold a quoted part such as
;;    `uct="0.000"` (nginx key=value timings); the quoted part may hold spaces.
;; Spaces and tabs separate tokens. Bounds exclude the quotes or brackets.
;;
;; The JSON reader (`members`, below) is the only definition of the JSON grammar the
;; Cloudflare and nginx JSON parsers read by (json-scan.ts): it checks a one-line JSON
;; object and finds its members (sixteenth round: 1.9 -> 0.96 us a Cloudflare line).
(module
  ;; Made by token-memory.ts, at the size that no ingest has to grow (growing it
  ;; detaches the old buffer, which slows every typed array of the thread).
  (import "env" "memory" (memory 1))

  ;; Where a call that ran out of room for tokens stopped: the start of the next token.
  (global $resume (export "resume") (mut i32) (i32.const 0))

  ;; Copies memory[src, src + length) to dst, sixteen bytes a step, for the staging
  ;; encoder's text columns (token-memory.ts); returns nonzero when a copied byte is
  ;; 0x80 or above (not ASCII: the encoder decodes such a value instead). Reads up to 15
  ;; bytes past the source and writes up to 15 past the copy: both have that slack.
  (func $copyText (export "copyText") (param $src i32) (param $length i32) (param $dst i32) (result i32)
    (local $i i32) (local $v v128) (local $high i32) (local $left i32)
    (block $done
      (loop $words
        (local.set $left (i32.sub (local.get $length) (local.get $i)))
        (br_if $done (i32.le_s (local.get $left) (i32.const 0)))
        (local.set $v (v128.load align=1 (i32.add (local.get $src) (local.get $i))))
        (v128.store align=1 (i32.add (local.get $dst) (local.get $i)) (local.get $v))
        (if (i32.lt_u (local.get $left) (i32.const 16))
          (then (local.set $high (i32.or (local.get $high) (i32.and (i8x16.bitmask (local.get $v))
            (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
          (else (local.set $high (i32.or (local.get $high) (i8x16.bitmask (local.get $v))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $words)))
    (local.get $high))

  ;; Whether memory[a, a + length) and memory[b, b + length) hold the same bytes,
  ;; sixteen at a step (both have 16 bytes of slack after them): 1 or 0.
  (func $same (export "same") (param $a i32) (param $b i32) (param $length i32) (result i32)
    (local $i i32) (local $left i32) (local $differ i32)
    (block $done
      (loop $words
        (local.set $left (i32.sub (local.get $length) (local.get $i)))
        (br_if $done (i32.le_s (local.get $left) (i32.const 0)))
        (local.set $differ (i32.xor (i8x16.bitmask (i8x16.eq
          (v128.load align=1 (i32.add (local.get $a) (local.get $i)))
          (v128.load align=1 (i32.add (local.get $b) (local.get $i))))) (i32.const 0xffff)))
        (if (i32.lt_u (local.get $left) (i32.const 16))
          (then (local.set $differ (i32.and (local.get $differ)
            (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
        (if (local.get $differ) (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $words)))
    (i32.const 1))

  ;; Tokenizes memory[start, end). Writes token k's start and end (plus bias: where the
  ;; caller's own buffer has the line) to the i32 arrays at out and out + 4 * cap, its
  ;; kind (0 bare, 1 quoted, 2 bracketed) and flags (1: holds a backslash, 2: holds an
  ;; escaped quote) to the byte arrays at out + 8 * cap and out + 9 * cap.
  ;; Returns the number of tokens; -1 when a quote or bracket is left open (a truncated
  ;; line); -2 when there are more than cap tokens, with $resume where to go on from.
  ;; Each token's search for the byte that ends it (the `$found` block: sixteen bytes a
  ;; step, masked past the end) is written out where it is used, four times: node 20's
  ;; V8 does not inline calls between WebAssembly functions, and the calls cost a
  ;; quarter of the tokenizer's time (250 against 187 ns a line, docs/performance.md).
  (func (export "read") (param $start i32) (param $end i32) (param $bias i32) (param $out i32) (param $cap i32) (result i32)
    (local $i i32) (local $j i32) (local $c i32) (local $k i32) (local $flags i32) (local $kind i32) (local $from i32)
    (local $v v128) (local $mask i32) (local $left i32)
    (local $quotes v128) (local $backslashes v128) (local $brackets v128) (local $spaces v128) (local $tabs v128)
    (local.set $quotes (i8x16.splat (i32.const 34)))
    (local.set $backslashes (i8x16.splat (i32.const 92)))
    (local.set $brackets (i8x16.splat (i32.const 93)))
    (local.set $spaces (i8x16.splat (i32.const 32)))
    (local.set $tabs (i8x16.splat (i32.const 9)))
    (local.set $i (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next)))
        (if (i32.ge_u (local.get $k) (local.get $cap))
          (then (global.set $resume (local.get $i)) (return (i32.const -2))))
        (local.set $flags (i32.const 0))
        (if (i32.eq (local.get $c) (i32.const 34))
          (then
            ;; "quoted": up to the first quote not right after a backslash
            (local.set $kind (i32.const 1))
            (local.set $from (i32.add (local.get $i) (i32.const 1)))
            (local.set $j (local.get $from))
            (block $closed
              (loop $scan
                (block $found
                  (loop $words
                    (local.set $left (i32.sub (local.get $end) (local.get $j)))
                    (if (i32.le_s (local.get $left) (i32.const 0)) (then (return (i32.const -1))))
                    (local.set $v (v128.load align=1 (local.get $j)))
                    (local.set $mask (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (local.get $quotes)) (i8x16.eq (local.get $v) (local.get $backslashes)))))
                    (if (i32.lt_u (local.get $left) (i32.const 16))
                      (then (local.set $mask (i32.and (local.get $mask)
                        (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
                    (br_if $found (local.get $mask))
                    (local.set $j (i32.add (local.get $j) (i32.const 16)))
                    (br $words)))
                (local.set $j (i32.add (local.get $j) (i32.ctz (local.get $mask))))
                (if (i32.eq (i32.load8_u (local.get $j)) (i32.const 34))
                  (then
                    (br_if $closed (i32.ne (i32.load8_u (i32.sub (local.get $j) (i32.const 1))) (i32.const 92)))
                    (local.set $flags (i32.or (local.get $flags) (i32.const 2))))
                  (else (local.set $flags (i32.or (local.get $flags) (i32.const 1)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $scan)))
            (local.set $i (i32.add (local.get $j) (i32.const 1))))
          (else (if (i32.eq (local.get $c) (i32.const 91))
            (then
              ;; [bracketed]: up to the first ]
              (local.set $kind (i32.const 2))
              (local.set $from (i32.add (local.get $i) (i32.const 1)))
              (local.set $j (local.get $from))
              (block $closed
                (loop $scan
                  (block $found
                    (loop $words
                      (local.set $left (i32.sub (local.get $end) (local.get $j)))
                      (if (i32.le_s (local.get $left) (i32.const 0)) (then (return (i32.const -1))))
                      (local.set $v (v128.load align=1 (local.get $j)))
                      (local.set $mask (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (local.get $brackets)) (i8x16.eq (local.get $v) (local.get $backslashes)))))
                      (if (i32.lt_u (local.get $left) (i32.const 16))
                        (then (local.set $mask (i32.and (local.get $mask)
                          (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
                      (br_if $found (local.get $mask))
                      (local.set $j (i32.add (local.get $j) (i32.const 16)))
                      (br $words)))
                  (local.set $j (i32.add (local.get $j) (i32.ctz (local.get $mask))))
                  (br_if $closed (i32.eq (i32.load8_u (local.get $j)) (i32.const 93)))
                  (local.set $flags (i32.or (local.get $flags) (i32.const 1)))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $scan)))
              (local.set $i (i32.add (local.get $j) (i32.const 1))))
            (else
              ;; bare: up to a space, a tab or the end; a quote opens a part that runs
              ;; to the next quote, spaces included
              (local.set $kind (i32.const 0))
              (local.set $from (local.get $i))
              (local.set $j (local.get $i))
              (block $ended
                (loop $scan
                  (block $found
                    (loop $words
                      (local.set $left (i32.sub (local.get $end) (local.get $j)))
                      (if (i32.le_s (local.get $left) (i32.const 0)) (then (local.set $j (local.get $end)) (br $ended)))
                      (local.set $v (v128.load align=1 (local.get $j)))
                      (local.set $mask (i8x16.bitmask (v128.or
                        (v128.or (i8x16.eq (local.get $v) (local.get $spaces)) (i8x16.eq (local.get $v) (local.get $tabs)))
                        (v128.or (i8x16.eq (local.get $v) (local.get $quotes)) (i8x16.eq (local.get $v) (local.get $backslashes))))))
                      (if (i32.lt_u (local.get $left) (i32.const 16))
                        (then (local.set $mask (i32.and (local.get $mask)
                          (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
                      (br_if $found (local.get $mask))
                      (local.set $j (i32.add (local.get $j) (i32.const 16)))
                      (br $words)))
                  (local.set $j (i32.add (local.get $j) (i32.ctz (local.get $mask))))
                  (local.set $c (i32.load8_u (local.get $j)))
                  (br_if $ended (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))))
                  (if (i32.eq (local.get $c) (i32.const 92))
                    (then (local.set $flags (i32.or (local.get $flags) (i32.const 1))))
                    (else
                      (local.set $j (i32.add (local.get $j) (i32.const 1)))
                      (block $closed
                        (loop $inner
                          (block $found
                            (loop $words
                              (local.set $left (i32.sub (local.get $end) (local.get $j)))
                              (if (i32.le_s (local.get $left) (i32.const 0)) (then (return (i32.const -1))))
                              (local.set $v (v128.load align=1 (local.get $j)))
                              (local.set $mask (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (local.get $quotes)) (i8x16.eq (local.get $v) (local.get $backslashes)))))
                              (if (i32.lt_u (local.get $left) (i32.const 16))
                                (then (local.set $mask (i32.and (local.get $mask)
                                  (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
                              (br_if $found (local.get $mask))
                              (local.set $j (i32.add (local.get $j) (i32.const 16)))
                              (br $words)))
                          (local.set $j (i32.add (local.get $j) (i32.ctz (local.get $mask))))
                          (br_if $closed (i32.eq (i32.load8_u (local.get $j)) (i32.const 34)))
                          (local.set $flags (i32.or (local.get $flags) (i32.const 1)))
                          (local.set $j (i32.add (local.get $j) (i32.const 1)))
                          (br $inner)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $scan)))
              (local.set $i (local.get $j))))))
        ;; the token ends at j (a quote or bracket there is not part of it)
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
          (i32.add (local.get $from) (local.get $bias)))
        (i32.store (i32.add (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 2))) (i32.shl (local.get $k) (i32.const 2)))
          (i32.add (local.get $j) (local.get $bias)))
        (i32.store8 (i32.add (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 3))) (local.get $k))
          (local.get $kind))
        (i32.store8 (i32.add (i32.add (local.get $out) (i32.mul (local.get $cap) (i32.const 9))) (local.get $k))
          (local.get $flags))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $k))

  ;; ---- JSON (RFC 8259), for json-scan.ts ----
  ;; The kind of the value $value read last (JsonKind in json-members.ts: 1 string,
  ;; 2 number, 3 true, 4 false, 5 null, 6 object, 7 array), and whether the string
  ;; $string read last holds an escape.
  (global $valueKind (mut i32) (i32.const 0))
  (global $stringEscaped (mut i32) (i32.const 0))

  ;; After the whitespace at i (space, tab, line feed, carriage return).
  (func $space (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $done (i32.eqz (i32.or
          (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
          (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  ;; Whether the byte at i is an ASCII digit: 1 or 0.
  (func $digit (param $i i32) (result i32)
    (i32.lt_u (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)) (i32.const 10)))

  ;; Whether the byte at i is a hexadecimal digit: 1 or 0.
  (func $hex (param $i i32) (result i32)
    (local $c i32)
    (local.set $c (i32.load8_u (local.get $i)))
    (i32.or (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
      (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 32)) (i32.const 97)) (i32.const 6))))

  ;; After the digits at i.
  (func $digits (param $i i32) (param $end i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (br_if $done (i32.ge_u (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)) (i32.const 10)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  ;; The end of the string whose opening quote is at i (after its closing quote), or -1:
  ;; a raw control character, an escape other than \" \\ \/ \b \f \n \r \t and \u with
  ;; four hexadecimal digits, or no closing quote before end. Sets $stringEscaped. The
  ;; plain bytes go sixteen at a step (reading up to 15 past end, into the slack).
  (func $string (param $i i32) (param $end i32) (result i32)
    (local $j i32) (local $v v128) (local $mask i32) (local $left i32) (local $c i32) (local $escaped i32)
    (local.set $j (i32.add (local.get $i) (i32.const 1)))
    (loop $scan
      (block $found
        (loop $words
          (local.set $left (i32.sub (local.get $end) (local.get $j)))
          (if (i32.le_s (local.get $left) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $v (v128.load align=1 (local.get $j)))
          (local.set $mask (i8x16.bitmask (v128.or
            (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92))))
            (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 32))))))
          (if (i32.lt_u (local.get $left) (i32.const 16))
            (then (local.set $mask (i32.and (local.get $mask)
              (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
          (br_if $found (local.get $mask))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $words)))
      (local.set $j (i32.add (local.get $j) (i32.ctz (local.get $mask))))
      (local.set $c (i32.load8_u (local.get $j)))
      (if (i32.eq (local.get $c) (i32.const 34))
        (then
          (global.set $stringEscaped (local.get $escaped))
          (return (i32.add (local.get $j) (i32.const 1)))))
      ;; a control character
      (if (i32.ne (local.get $c) (i32.const 92)) (then (return (i32.const -1))))
      (local.set $escaped (i32.const 1))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (if (i32.ge_u (local.get $j) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $j)))
      (if (i32.eq (local.get $c) (i32.const 117))
        (then
          (if (i32.ge_u (i32.add (local.get $j) (i32.const 4)) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.eqz (i32.and
                (i32.and (call $hex (i32.add (local.get $j) (i32.const 1))) (call $hex (i32.add (local.get $j) (i32.const 2))))
                (i32.and (call $hex (i32.add (local.get $j) (i32.const 3))) (call $hex (i32.add (local.get $j) (i32.const 4))))))
            (then (return (i32.const -1))))
          (local.set $j (i32.add (local.get $j) (i32.const 5))))
        (else
          (if (i32.eqz (i32.or
                (i32.or (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 92)))
                        (i32.or (i32.eq (local.get $c) (i32.const 47)) (i32.eq (local.get $c) (i32.const 98))))
                (i32.or (i32.or (i32.eq (local.get $c) (i32.const 102)) (i32.eq (local.get $c) (i32.const 110)))
                        (i32.or (i32.eq (local.get $c) (i32.const 114)) (i32.eq (local.get $c) (i32.const 116))))))
            (then (return (i32.const -1))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))))
      (br $scan))
    (unreachable))

  ;; `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: the end of the number at i, or -1.
  (func $number (param $i i32) (param $end i32) (result i32)
    (local $j i32) (local $from i32)
    (local.set $j (local.get $i))
    (if (i32.eq (i32.load8_u (local.get $j)) (i32.const 45)) (then (local.set $j (i32.add (local.get $j) (i32.const 1)))))
    (if (i32.ge_u (local.get $j) (local.get $end)) (then (return (i32.const -1))))
    (if (i32.eqz (call $digit (local.get $j))) (then (return (i32.const -1))))
    (if (i32.eq (i32.load8_u (local.get $j)) (i32.const 48))
      (then (local.set $j (i32.add (local.get $j) (i32.const 1))))
      (else (local.set $j (call $digits (local.get $j) (local.get $end)))))
    (if (i32.lt_u (local.get $j) (local.get $end))
      (then (if (i32.eq (i32.load8_u (local.get $j)) (i32.const 46))
        (then
          (local.set $from (i32.add (local.get $j) (i32.const 1)))
          (local.set $j (call $digits (local.get $from) (local.get $end)))
          (if (i32.eq (local.get $j) (local.get $from)) (then (return (i32.const -1))))))))
    (if (i32.lt_u (local.get $j) (local.get $end))
      (then (if (i32.eq (i32.or (i32.load8_u (local.get $j)) (i32.const 32)) (i32.const 101))
        (then
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (if (i32.lt_u (local.get $j) (local.get $end))
            (then (if (i32.or (i32.eq (i32.load8_u (local.get $j)) (i32.const 43)) (i32.eq (i32.load8_u (local.get $j)) (i32.const 45)))
              (then (local.set $j (i32.add (local.get $j) (i32.const 1)))))))
          (local.set $from (local.get $j))
          (local.set $j (call $digits (local.get $from) (local.get $end)))
          (if (i32.eq (local.get $j) (local.get $from)) (then (return (i32.const -1))))))))
    (local.get $j))

  ;; The end of the value at i (after it), or -1; sets $valueKind. Objects and arrays
  ;; nest up to depth 32 (json-scan.ts leaves deeper ones to JSON.parse).
  (func $value (param $i i32) (param $end i32) (param $depth i32) (result i32)
    (local $c i32) (local $after i32)
    (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 34))
      (then (global.set $valueKind (i32.const 1)) (return (call $string (local.get $i) (local.get $end)))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 45)) (call $digit (local.get $i)))
      (then (global.set $valueKind (i32.const 2)) (return (call $number (local.get $i) (local.get $end)))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
      (then
        (if (i32.ge_u (local.get $depth) (i32.const 32)) (then (return (i32.const -1))))
        (local.set $after (call $nested (local.get $i) (local.get $end) (local.get $depth) (i32.eq (local.get $c) (i32.const 123))))
        (global.set $valueKind (select (i32.const 6) (i32.const 7) (i32.eq (local.get $c) (i32.const 123))))
        (return (local.get $after))))
    ;; true, false, null (little-endian words: "true", "fals", "null")
    (if (i32.and (i32.eq (local.get $c) (i32.const 116)) (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $end)))
      (then (if (i32.eq (i32.load align=1 (local.get $i)) (i32.const 0x65757274))
        (then (global.set $valueKind (i32.const 3)) (return (i32.add (local.get $i) (i32.const 4)))))))
    (if (i32.and (i32.eq (local.get $c) (i32.const 102)) (i32.le_u (i32.add (local.get $i) (i32.const 5)) (local.get $end)))
      (then (if (i32.and (i32.eq (i32.load align=1 (local.get $i)) (i32.const 0x736c6166))
                         (i32.eq (i32.load8_u (i32.add (local.get $i) (i32.const 4))) (i32.const 101)))
        (then (global.set $valueKind (i32.const 4)) (return (i32.add (local.get $i) (i32.const 5)))))))
    (if (i32.and (i32.eq (local.get $c) (i32.const 110)) (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $end)))
      (then (if (i32.eq (i32.load align=1 (local.get $i)) (i32.const 0x6c6c756e))
        (then (global.set $valueKind (i32.const 5)) (return (i32.add (local.get $i) (i32.const 4)))))))
    (i32.const -1))

  ;; The end of the object (isObject 1) or array at i, its members or elements checked, or -1.
  (func $nested (param $i i32) (param $end i32) (param $depth i32) (param $isObject i32) (result i32)
    (local $close i32)
    (local.set $close (select (i32.const 125) (i32.const 93) (local.get $isObject)))
    (local.set $i (call $space (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then (if (i32.eq (i32.load8_u (local.get $i)) (local.get $close)) (then (return (i32.add (local.get $i) (i32.const 1)))))))
    (loop $element
      (if (local.get $isObject)
        (then
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)) (then (return (i32.const -1))))
          (local.set $i (call $string (local.get $i) (local.get $end)))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $i (call $space (local.get $i) (local.get $end)))
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 58)) (then (return (i32.const -1))))
          (local.set $i (call $space (i32.add (local.get $i) (i32.const 1)) (local.get $end)))))
      (local.set $i (call $value (local.get $i) (local.get $end) (i32.add (local.get $depth) (i32.const 1))))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $i (call $space (local.get $i) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.eq (i32.load8_u (local.get $i)) (local.get $close)) (then (return (i32.add (local.get $i) (i32.const 1)))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 44)) (then (return (i32.const -1))))
      (local.set $i (call $space (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (br $element))
    (unreachable))

  ;; After members() read a line whole: each key among the first 64 that was not the
  ;; memo's at its position becomes it (a key of more than 64 bytes leaves none there).
  (func $remember (param $out i32) (param $cap i32) (param $count i32) (param $memo i32) (param $bias i32)
    (local $m i32) (local $last i32) (local $entry i32) (local $from i32) (local $length i32)
    (if (i32.eqz (local.get $memo)) (then (return)))
    (local.set $last (select (local.get $count) (i32.const 64) (i32.lt_u (local.get $count) (i32.const 64))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $m) (local.get $last)))
        (if (i32.eqz (i32.and (i32.load8_u (i32.add (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 4))) (local.get $m))) (i32.const 64)))
          (then
            (local.set $entry (i32.add (local.get $memo) (i32.mul (local.get $m) (i32.const 80))))
            (local.set $from (i32.sub (i32.load (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 2)))) (local.get $bias)))
            (local.set $length (i32.sub
              (i32.sub (i32.load (i32.add (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 2))) (i32.shl (local.get $m) (i32.const 2)))) (local.get $bias))
              (local.get $from)))
            (if (i32.le_u (local.get $length) (i32.const 64))
              (then
                (i32.store (local.get $entry) (i32.add (local.get $length) (i32.const 1)))
                ;; up to 15 bytes written past the key stay inside the entry's 64
                (drop (call $copyText (local.get $from) (local.get $length) (i32.add (local.get $entry) (i32.const 16)))))
              (else (i32.store (local.get $entry) (i32.const 0))))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $next))))

  ;; Reads the JSON object memory[start, end): member k's key (without its quotes) and
  ;; value (its JSON text, quotes included) as i32 arrays of starts and ends at out,
  ;; out + 4 * cap (key) and out + 8 * cap, out + 12 * cap (value), each plus bias (where
  ;; the caller's own buffer has the line), and the value's kind, plus 128 when it is a
  ;; string with an escape, in the byte array at out + 16 * cap. Returns the number of
  ;; members; -1 when the line is not one JSON object (whitespace around it allowed), a
  ;; key holds an escape (it could spell a key json-scan.ts wants), or values nest deeper
  ;; than 32; -2 when there are more than cap members. json-scan.ts lets JSON.parse
  ;; decide both.
  ;;
  ;; memo (0: none) is 64 entries of 80 bytes: the key seen at each of the first 64
  ;; positions of the last line read whole (its length plus one, zero for none, at 0;
  ;; its bytes, up to 64, at 16). A key that is the memo's at its position gets 64 in
  ;; its kind byte: json-scan.ts then takes the key it found for that one before,
  ;; instead of looking it up. Lines of one log repeat their keys in order.
  (func (export "members") (param $start i32) (param $end i32) (param $bias i32) (param $out i32) (param $cap i32) (param $memo i32) (result i32)
    (local $i i32) (local $k i32) (local $keyStart i32) (local $keyEnd i32) (local $valueStart i32) (local $valueEnd i32)
    (local $slot i32) (local $stride i32) (local $j i32) (local $v v128) (local $mask i32) (local $left i32)
    (local $same i32) (local $entry i32) (local $length i32) (local $p i32)
    (local $quotes v128) (local $backslashes v128) (local $controls v128)
    (local.set $quotes (i8x16.splat (i32.const 34)))
    (local.set $backslashes (i8x16.splat (i32.const 92)))
    (local.set $controls (i8x16.splat (i32.const 32)))
    (local.set $stride (i32.shl (local.get $cap) (i32.const 2)))
    (local.set $i (call $space (local.get $start) (local.get $end)))
    (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 123)) (then (return (i32.const -1))))
    (local.set $i (call $space (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 125))
        (then (return (select (i32.const 0) (i32.const -1)
          (i32.eq (call $space (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (local.get $end))))))))
    (loop $member
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)) (then (return (i32.const -1))))
      (if (i32.ge_u (local.get $k) (local.get $cap)) (then (return (i32.const -2))))
      (local.set $keyStart (local.get $i))
      ;; The key: the memo's at this position when its bytes and then a quote are here
      ;; (a memo key holds no quote, backslash or control character) ...
      (local.set $same (i32.const 0))
      (if (i32.and (i32.ne (local.get $memo) (i32.const 0)) (i32.lt_u (local.get $k) (i32.const 64)))
        (then
          (local.set $entry (i32.add (local.get $memo) (i32.mul (local.get $k) (i32.const 80))))
          (local.set $length (i32.sub (i32.load (local.get $entry)) (i32.const 1)))
          (if (i32.and (i32.ge_s (local.get $length) (i32.const 0))
                (i32.lt_s (i32.add (i32.add (local.get $keyStart) (i32.const 1)) (local.get $length)) (local.get $end)))
            (then (if (i32.eq (i32.load8_u (i32.add (i32.add (local.get $keyStart) (i32.const 1)) (local.get $length))) (i32.const 34))
              (then
                ;; $same's comparison, written out: called once a key, it cost 7% of the
                ;; reader (1.03 against 0.96 us a Cloudflare line)
                (local.set $same (i32.const 64))
                (local.set $p (i32.const 0))
                (block $compared
                  (loop $blocks
                    (local.set $left (i32.sub (local.get $length) (local.get $p)))
                    (br_if $compared (i32.le_s (local.get $left) (i32.const 0)))
                    (local.set $mask (i32.xor (i8x16.bitmask (i8x16.eq
                      (v128.load align=1 (i32.add (i32.add (local.get $keyStart) (i32.const 1)) (local.get $p)))
                      (v128.load align=1 (i32.add (i32.add (local.get $entry) (i32.const 16)) (local.get $p))))) (i32.const 0xffff)))
                    (if (i32.lt_u (local.get $left) (i32.const 16))
                      (then (local.set $mask (i32.and (local.get $mask)
                        (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
                    (if (local.get $mask) (then (local.set $same (i32.const 0)) (br $compared)))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (br $blocks)))))))))
      ;; ... else read as any string (few are: a line's keys are mostly the memo's); a
      ;; key spelled with escapes could name a wanted key: JSON.parse decides (-1).
      (if (local.get $same)
        (then (local.set $keyEnd (i32.add (i32.add (local.get $keyStart) (local.get $length)) (i32.const 2))))
        (else
          (local.set $keyEnd (call $string (local.get $keyStart) (local.get $end)))
          (if (global.get $stringEscaped) (then (return (i32.const -1))))))
      (if (i32.lt_s (local.get $keyEnd) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $i (local.get $keyEnd))
      ;; whitespace is rare: $space is called only where a byte could be some (at or below a space)
      (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 32)) (then (local.set $i (call $space (local.get $i) (local.get $end)))))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 58)) (then (return (i32.const -1))))
      (local.set $valueStart (i32.add (local.get $i) (i32.const 1)))
      (if (i32.le_u (i32.load8_u (local.get $valueStart)) (i32.const 32))
        (then (local.set $valueStart (call $space (local.get $valueStart) (local.get $end)))))
      (local.set $valueEnd (i32.const -1))
      (if (i32.and (i32.lt_u (local.get $valueStart) (local.get $end)) (i32.eq (i32.load8_u (local.get $valueStart)) (i32.const 34)))
        (then
          ;; A string value: its end found here when it holds no backslash (most do),
          ;; else by $string, which checks its escapes. Written out rather than called,
          ;; as the whole numbers and the whitespace checks are: node 20's V8 does not
          ;; inline calls between WebAssembly functions, and with a call per string and
          ;; per whitespace check the reader took 1.1 us a Cloudflare line, 0.5 without.
          (local.set $j (i32.add (local.get $valueStart) (i32.const 1)))
          (block $found
            (loop $words
              (local.set $left (i32.sub (local.get $end) (local.get $j)))
              (if (i32.le_s (local.get $left) (i32.const 0)) (then (return (i32.const -1))))
              (local.set $v (v128.load align=1 (local.get $j)))
              (local.set $mask (i8x16.bitmask (v128.or
                (v128.or (i8x16.eq (local.get $v) (local.get $quotes)) (i8x16.eq (local.get $v) (local.get $backslashes)))
                (i8x16.lt_u (local.get $v) (local.get $controls)))))
              (if (i32.lt_u (local.get $left) (i32.const 16))
                (then (local.set $mask (i32.and (local.get $mask)
                  (i32.sub (i32.shl (i32.const 1) (local.get $left)) (i32.const 1))))))
              (br_if $found (local.get $mask))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $words)))
          (local.set $j (i32.add (local.get $j) (i32.ctz (local.get $mask))))
          (if (i32.eq (i32.load8_u (local.get $j)) (i32.const 34))
            (then
              (global.set $valueKind (i32.const 1))
              (global.set $stringEscaped (i32.const 0))
              (local.set $valueEnd (i32.add (local.get $j) (i32.const 1)))))))
      (if (i32.and (i32.lt_u (local.get $valueStart) (local.get $end))
            (i32.lt_u (i32.sub (i32.load8_u (local.get $valueStart)) (i32.const 49)) (i32.const 9)))
        (then
          ;; A number from 1 to 9 on: when its digits end the value (no fraction or
          ;; exponent after them), it is a whole number; else $value reads it.
          (local.set $j (i32.add (local.get $valueStart) (i32.const 1)))
          (block $digitsEnd
            (loop $digit
              (br_if $digitsEnd (i32.ge_u (local.get $j) (local.get $end)))
              (br_if $digitsEnd (i32.ge_u (i32.sub (i32.load8_u (local.get $j)) (i32.const 48)) (i32.const 10)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $digit)))
          (if (i32.or (i32.ge_u (local.get $j) (local.get $end))
                (i32.and (i32.ne (i32.load8_u (local.get $j)) (i32.const 46)) (i32.ne (i32.or (i32.load8_u (local.get $j)) (i32.const 32)) (i32.const 101))))
            (then
              (global.set $valueKind (i32.const 2))
              (local.set $valueEnd (local.get $j))))))
      (if (i32.lt_s (local.get $valueEnd) (i32.const 0))
        (then (local.set $valueEnd (call $value (local.get $valueStart) (local.get $end) (i32.const 1)))))
      (if (i32.lt_s (local.get $valueEnd) (i32.const 0)) (then (return (i32.const -1))))
      ;; the member: its key's bounds inside the quotes, its value's, the value's kind
      (local.set $slot (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))))
      (i32.store (local.get $slot) (i32.add (i32.add (local.get $keyStart) (i32.const 1)) (local.get $bias)))
      (i32.store (i32.add (local.get $slot) (local.get $stride))
        (i32.add (i32.sub (local.get $keyEnd) (i32.const 1)) (local.get $bias)))
      (i32.store (i32.add (local.get $slot) (i32.shl (local.get $stride) (i32.const 1)))
        (i32.add (local.get $valueStart) (local.get $bias)))
      (i32.store (i32.add (local.get $slot) (i32.mul (local.get $stride) (i32.const 3)))
        (i32.add (local.get $valueEnd) (local.get $bias)))
      (i32.store8 (i32.add (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 4))) (local.get $k))
        (i32.or (i32.or (global.get $valueKind) (local.get $same)) (select (i32.const 128) (i32.const 0)
          (i32.and (i32.eq (global.get $valueKind) (i32.const 1)) (global.get $stringEscaped)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $i (local.get $valueEnd))
      (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 32)) (then (local.set $i (call $space (local.get $i) (local.get $end)))))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 125))
        (then
          (if (i32.ne (call $space (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (local.get $end)) (then (return (i32.const -1))))
          (call $remember (local.get $out) (local.get $cap) (local.get $k) (local.get $memo) (local.get $bias))
          (return (local.get $k))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 44)) (then (return (i32.const -1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      ;; one space after a comma is common (`, "key"`): stepped over here
      (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 32)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
      (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 32)) (then (local.set $i (call $space (local.get $i) (local.get $end)))))
      (br $member))
    (unreachable))
)
