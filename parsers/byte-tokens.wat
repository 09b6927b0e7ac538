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
  (func (export "copyText") (param $src i32) (param $length i32) (param $dst i32) (result i32)
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
  (func (export "same") (param $a i32) (param $b i32) (param $length i32) (result i32)
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
)
