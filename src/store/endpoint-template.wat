;; The endpoint templating of endpoint-template.ts (its rules, in its order), in
;; WebAssembly, for a request whose line the tokenizer holds in its memory: a parse
;; worker templates each such request as it reads it, straight into the endpoint
;; column (endpoint-column.ts), where the JavaScript loop cost about 190 ns a request
;; over the bench's nginx lines, a ninth of a worker's time (docs/performance.md,
;; eighteenth round). The JavaScript templatePath stays the definition for everything
;; else (text given as strings, non-ASCII paths, node without WebAssembly), and a test
;; runs both over the same paths. The character classes are endpoint-template.ts's
;; own table, copied into memory by endpoint-wasm.ts. endpoint-template-module.ts holds
;; the compiled bytes (`npm run wasm`).
(module
  ;; The tokenizer's memory (parsers/token-memory.ts): lines, and the arena where the
  ;; staging columns are.
  (import "env" "memory" (memory 1))

  ;; Class bits of endpoint-template.ts.
  ;; HEX 1, DIGIT 2, TOKEN 4, LOWER_HEX 8, HAS_DASH 16, HAS_DOT 32, NON_ASCII 64.
  ;; Where the 256-byte class table is, and two scratch areas of $scratchSize bytes
  ;; (each with 16 more) for the UUID and dot-hash passes.
  (global $classes (mut i32) (i32.const 0))
  (global $scratchA (mut i32) (i32.const 0))
  (global $scratchB (mut i32) (i32.const 0))
  (global $scratchSize (mut i32) (i32.const 0))
  ;; The OR of the classes of the bytes $segments last read.
  (global $seen (mut i32) (i32.const 0))

  (func (export "setup") (param $classes i32) (param $scratch i32) (param $size i32)
    (global.set $classes (local.get $classes))
    (global.set $scratchA (local.get $scratch))
    (global.set $scratchB (i32.add (local.get $scratch) (i32.add (local.get $size) (i32.const 16))))
    (global.set $scratchSize (local.get $size)))

  ;; Rules 3-5: copies memory[from, to) to out, and writes a placeholder over each
  ;; segment a rule matches as it ends; returns the end, and the classes seen in $seen.
  ;; Placeholders are stored eight bytes at once (little-endian text): the caller's
  ;; room has sixteen bytes of slack.
  (func $segments (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $i i32) (local $p i32) (local $c i32) (local $k i32) (local $seen i32)
    (local $first i32) (local $at i32) (local $kind i32) (local $length i32) (local $t i32)
    (local.set $t (global.get $classes))
    (local.set $i (local.get $from))
    (local.set $p (local.get $out))
    ;; Up to the first slash: no segment.
    (block $slash
      (loop $before
        (br_if $slash (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $c (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (i32.store8 (local.get $p) (local.get $c))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $seen (i32.or (local.get $seen) (i32.load8_u (i32.add (local.get $t) (local.get $c)))))
        (br_if $slash (i32.eq (local.get $c) (i32.const 47)))
        (br $before)))
    (block $done
      (loop $segment
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $first (local.get $i))
        (local.set $at (local.get $p))
        (local.set $kind (i32.const 7))
        (block $end
          (loop $bytes
            (br_if $end (i32.ge_u (local.get $i) (local.get $to)))
            (local.set $c (i32.load8_u (local.get $i)))
            (br_if $end (i32.eq (local.get $c) (i32.const 47)))
            (i32.store8 (local.get $p) (local.get $c))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $k (i32.load8_u (i32.add (local.get $t) (local.get $c))))
            (local.set $kind (i32.and (local.get $kind) (local.get $k)))
            (local.set $seen (i32.or (local.get $seen) (local.get $k)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $bytes)))
        (local.set $length (i32.sub (local.get $i) (local.get $first)))
        (if (i32.and (i32.gt_s (local.get $length) (i32.const 0)) (i32.ne (local.get $kind) (i32.const 0)))
          (then
            (if (i32.and (i32.ne (i32.and (local.get $kind) (i32.const 1)) (i32.const 0)) (i32.ge_s (local.get $length) (i32.const 16)))
              (then ;; {hash}
                (i64.store (local.get $at) (i64.const 0x7d687361687b))
                (local.set $p (i32.add (local.get $at) (i32.const 6))))
              (else (if (i32.ne (i32.and (local.get $kind) (i32.const 2)) (i32.const 0))
                (then ;; {id}
                  (i64.store (local.get $at) (i64.const 0x7d64697b))
                  (local.set $p (i32.add (local.get $at) (i32.const 4))))
                (else (if (i32.and (i32.ne (i32.and (local.get $kind) (i32.const 4)) (i32.const 0)) (i32.ge_s (local.get $length) (i32.const 24)))
                  (then ;; {token}
                    (i64.store (local.get $at) (i64.const 0x7d6e656b6f747b))
                    (local.set $p (i32.add (local.get $at) (i32.const 7)))))))))))
        (if (i32.lt_u (local.get $i) (local.get $to))
          (then
            (i32.store8 (local.get $p) (i32.const 47))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $segment)))
    (global.set $seen (local.get $seen))
    (local.get $p))

  ;; Whether the 36 bytes at i are a UUID: 8-4-4-4-12 hex digits.
  (func $isUuidAt (param $i i32) (result i32)
    (local $k i32) (local $c i32) (local $t i32)
    (local.set $t (global.get $classes))
    (block $no
      (loop $each
        (local.set $c (i32.load8_u (i32.add (local.get $i) (local.get $k))))
        (if (i32.or (i32.or (i32.eq (local.get $k) (i32.const 8)) (i32.eq (local.get $k) (i32.const 13)))
                    (i32.or (i32.eq (local.get $k) (i32.const 18)) (i32.eq (local.get $k) (i32.const 23))))
          (then (br_if $no (i32.ne (local.get $c) (i32.const 45))))
          (else (br_if $no (i32.eqz (i32.and (i32.load8_u (i32.add (local.get $t) (local.get $c))) (i32.const 1))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $each (i32.lt_u (local.get $k) (i32.const 36))))
      (return (i32.const 1)))
    (i32.const 0))

  ;; Rule 1 over memory[from, to) into out; returns the end.
  (func $uuids (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $i i32) (local $p i32)
    (local.set $i (local.get $from))
    (local.set $p (local.get $out))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (if (i32.and (i32.le_u (i32.add (local.get $i) (i32.const 36)) (local.get $to)) (call $isUuidAt (local.get $i)))
          (then ;; {uuid}
            (i64.store (local.get $p) (i64.const 0x7d646975757b))
            (local.set $p (i32.add (local.get $p) (i32.const 6)))
            (local.set $i (i32.add (local.get $i) (i32.const 36))))
          (else
            (i32.store8 (local.get $p) (i32.load8_u (local.get $i)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $each)))
    (local.get $p))

  ;; Rule 2 over memory[from, to) into out: `.`, 8+ lowercase hex digits, `.`; returns the end.
  (func $dotHashes (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $i i32) (local $j i32) (local $p i32) (local $t i32)
    (local.set $t (global.get $classes))
    (local.set $i (local.get $from))
    (local.set $p (local.get $out))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (block $copy
          (br_if $copy (i32.ne (i32.load8_u (local.get $i)) (i32.const 46)))
          (local.set $j (i32.add (local.get $i) (i32.const 1)))
          (block $hex
            (loop $digits
              (br_if $hex (i32.ge_u (local.get $j) (local.get $to)))
              (br_if $hex (i32.eqz (i32.and (i32.load8_u (i32.add (local.get $t) (i32.load8_u (local.get $j)))) (i32.const 8))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $digits)))
          (br_if $copy (i32.lt_s (i32.sub (i32.sub (local.get $j) (local.get $i)) (i32.const 1)) (i32.const 8)))
          (br_if $copy (i32.ge_u (local.get $j) (local.get $to)))
          (br_if $copy (i32.ne (i32.load8_u (local.get $j)) (i32.const 46)))
          ;; .{hash}.
          (i64.store (local.get $p) (i64.const 0x2e7d687361687b2e))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (local.set $i (i32.add (local.get $j) (i32.const 1)))
          (br $each))
        (i32.store8 (local.get $p) (i32.load8_u (local.get $i)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.get $p))

  ;; Writes a request's endpoint value at dst as the staging column holds it: a 4-byte
  ;; length, the method (or `-` when methodLength is -1), a space, the template of
  ;; the path memory[path, path + pathLength). Returns the bytes written; -1 when the
  ;; method or path has a byte that is not ASCII (the caller decodes such a request),
  ;; -2 when a UUID or dot-hash pass would need more scratch than there is. The
  ;; caller's room: 6 + methodLength + templatedBound(pathLength), and 16 bytes of slack.
  (func (export "endpoint") (param $method i32) (param $methodLength i32) (param $path i32) (param $pathLength i32) (param $dst i32) (result i32)
    (local $p i32) (local $i i32) (local $c i32) (local $high i32) (local $end i32)
    (local $seen i32) (local $from i32) (local $to i32) (local $target i32) (local $uuids i32) (local $dots i32)
    (local.set $p (i32.add (local.get $dst) (i32.const 4)))
    (if (i32.lt_s (local.get $methodLength) (i32.const 0))
      (then
        (i32.store8 (local.get $p) (i32.const 45))
        (local.set $p (i32.add (local.get $p) (i32.const 1))))
      (else
        (block $copied
          (loop $each
            (br_if $copied (i32.ge_s (local.get $i) (local.get $methodLength)))
            (local.set $c (i32.load8_u (i32.add (local.get $method) (local.get $i))))
            (local.set $high (i32.or (local.get $high) (local.get $c)))
            (i32.store8 (local.get $p) (local.get $c))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each)))))
    (if (i32.ge_u (local.get $high) (i32.const 0x80)) (then (return (i32.const -1))))
    (i32.store8 (local.get $p) (i32.const 32))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (local.set $from (local.get $path))
    (local.set $to (i32.add (local.get $path) (local.get $pathLength)))
    (local.set $end (call $segments (local.get $from) (local.get $to) (local.get $p)))
    (local.set $seen (global.get $seen))
    (if (i32.ne (i32.and (local.get $seen) (i32.const 64)) (i32.const 0)) (then (return (i32.const -1))))
    ;; Rules 1 and 2 only when the path has what they need, and the segments again over their output.
    (local.set $uuids (i32.and (i32.ne (i32.and (local.get $seen) (i32.const 16)) (i32.const 0)) (i32.ge_s (local.get $pathLength) (i32.const 36))))
    (local.set $dots (i32.and (i32.ne (i32.and (local.get $seen) (i32.const 32)) (i32.const 0)) (i32.ge_s (local.get $pathLength) (i32.const 10))))
    (if (i32.or (local.get $uuids) (local.get $dots))
      (then
        (if (i32.gt_s (local.get $pathLength) (global.get $scratchSize)) (then (return (i32.const -2))))
        (if (local.get $uuids)
          (then
            (local.set $to (call $uuids (local.get $from) (local.get $to) (global.get $scratchA)))
            (local.set $from (global.get $scratchA))))
        (if (local.get $dots)
          (then
            (local.set $target (select (global.get $scratchB) (global.get $scratchA) (i32.eq (local.get $from) (global.get $scratchA))))
            (local.set $to (call $dotHashes (local.get $from) (local.get $to) (local.get $target)))
            (local.set $from (local.get $target))))
        (local.set $end (call $segments (local.get $from) (local.get $to) (local.get $p)))))
    (i32.store (local.get $dst) (i32.sub (i32.sub (local.get $end) (local.get $dst)) (i32.const 4)))
    (i32.sub (local.get $end) (local.get $dst)))
)
