#!/usr/bin/env python3
"""Writes the C and assembly of a forwarding shim: a shared library named SONAME whose symbols (read from stdin, one a
line) jump to the same symbols of TARGET, which it opens on the first call.

usage: forwarding_shim.py OUTDIR SONAME TARGET [VERSION] < symbols; prints the gcc line that builds it.

Why: ONNX Runtime 1.22's CUDA provider is linked against CUDA 12's cuBLAS, cuBLASLt and cuFFT (libcublas.so.12 ...,
symbols versioned by those names) and the device machines carry CUDA 13's. A shim of the old name forwards each call to
the new library: the functions the provider calls kept their C signatures from 12 to 13 (cublasCreate_v2,
cublasSetStream_v2, cublasLtCreate ...). A symbol the new library lacks aborts with its name when first called, not at
load. Each symbol is an x86-64 trampoline: jump through its slot; an empty slot is filled by shim_resolve with the
argument registers saved (System V ABI: rdi, rsi, rdx, rcx, r8, r9, xmm0-7) and the stack 16-byte aligned for the call.
"""
import os
import sys


def main(out, soname, target, version, symbols):
    base = soname.replace('.', '_')
    quoted = ', '.join(f'"{s}"' for s in symbols)
    c = f'''#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
static const char *names[] = {{{quoted}}};
void *shim_slots[{max(1, len(symbols))}];
static void *lib;
void shim_resolve(int i) {{
  if (!lib) lib = dlopen("{target}", RTLD_NOW | RTLD_GLOBAL);
  if (!lib) {{ fprintf(stderr, "shim {soname}: cannot open {target}: %s\\n", dlerror()); abort(); }}
  void *f = dlsym(lib, names[i]);
  if (!f) {{ fprintf(stderr, "shim {soname}: {target} has no %s\\n", names[i]); abort(); }}
  if (getenv("SHIM_TRACE")) fprintf(stderr, "shim {soname}: %s -> {target}\\n", names[i]);
  shim_slots[i] = f;
}}
'''
    asm = ['    .text']
    for i, s in enumerate(symbols):
        asm.append(f'''    .globl {s}
    .type {s}, @function
{s}:
    movq shim_slots@GOTPCREL(%rip), %rax
    movq {8 * i}(%rax), %rax
    testq %rax, %rax
    jz 1f
    jmp *%rax
1:  pushq %rdi; pushq %rsi; pushq %rdx; pushq %rcx; pushq %r8; pushq %r9
    subq $136, %rsp
    movdqu %xmm0, 0(%rsp); movdqu %xmm1, 16(%rsp); movdqu %xmm2, 32(%rsp); movdqu %xmm3, 48(%rsp)
    movdqu %xmm4, 64(%rsp); movdqu %xmm5, 80(%rsp); movdqu %xmm6, 96(%rsp); movdqu %xmm7, 112(%rsp)
    movl ${i}, %edi
    call shim_resolve@PLT
    movdqu 0(%rsp), %xmm0; movdqu 16(%rsp), %xmm1; movdqu 32(%rsp), %xmm2; movdqu 48(%rsp), %xmm3
    movdqu 64(%rsp), %xmm4; movdqu 80(%rsp), %xmm5; movdqu 96(%rsp), %xmm6; movdqu 112(%rsp), %xmm7
    addq $136, %rsp
    popq %r9; popq %r8; popq %rcx; popq %rdx; popq %rsi; popq %rdi
    jmp {s}
    .size {s}, .-{s}''')
    asm.append('    .section .note.GNU-stack,"",@progbits')
    exported = ''.join(s + '; ' for s in symbols)
    script = f'{version or ""} {{ {"global: " + exported if symbols else ""}local: *; }};\n'
    os.makedirs(out, exist_ok=True)
    open(f'{out}/{base}.c', 'w').write(c)
    open(f'{out}/{base}.S', 'w').write('\n'.join(asm) + '\n')
    open(f'{out}/{base}.map', 'w').write(script)
    print(f'gcc -shared -fPIC -O1 -o {out}/{soname} -Wl,-soname,{soname} -Wl,--version-script={out}/{base}.map '
          f'{out}/{base}.c {out}/{base}.S -ldl')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None,
         [line.strip() for line in sys.stdin if line.strip()])
