#!/usr/bin/env python3
"""Zeroes, in a shared library's .nv_fatbin section, the GPU code for every architecture but one (in place of a copy).

usage: prune_fatbin.py LIBRARY OUT [ARCH]   (ARCH: the SASS architecture to keep, default 90 = Hopper, sm_90)

Why: ONNX Runtime's CUDA provider carries machine code for sm_60 to sm_90 plus sm_90 PTX (345 MB); a device check that
must travel in 64 MiB needs only the target GPU's. Zeroed bytes keep every offset, so nothing else in the ELF changes,
and they compress to almost nothing. A fat binary with no code for ARCH is left whole (its PTX then serves the GPU).

Layout (public reverse-engineering of NVIDIA's fatbin format, e.g. the notes behind cuobjdump-compatible tools):
container = u32 magic 0xBA55ED50, u16 version, u16 header size, u64 bytes of entries that follow;
entry     = u16 kind (1 PTX, 2 ELF/SASS), u16 flags, u32 header size, u64 payload size, ..., u32 arch at offset 28.
"""
import struct
import sys

MAGIC = 0xBA55ED50


def section(data, name):
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
    header = lambda i: struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
    names = header(shstrndx)[4]
    for i in range(shnum):
        h = header(i)
        start = names + h[0]
        if data[start:data.index(0, start)].decode() == name:
            return h[4], h[5]
    raise SystemExit(f'no {name} section')


def main(path, out, keep):
    data = bytearray(open(path, 'rb').read())
    offset, size = section(data, '.nv_fatbin')
    kept = zeroed = 0
    p, end = offset, offset + size
    while p < end:
        magic, _, header_size, fat_size = struct.unpack_from('<IHHQ', data, p)
        if magic != MAGIC:
            p += 8  # containers are 8-byte aligned; padding between them
            continue
        entries, q = [], p + header_size
        while q < p + header_size + fat_size:
            kind, _, entry_header, payload = struct.unpack_from('<HHIQ', data, q)
            arch, = struct.unpack_from('<I', data, q + 28)
            entries.append((q + entry_header, payload, kind == 2 and arch == keep))
            q += entry_header + payload
        has_keep = any(k for _, _, k in entries)
        for start, payload, k in entries:
            if k or not has_keep:
                kept += payload
            else:
                data[start:start + payload] = bytes(payload)
                zeroed += payload
        p = q
    open(out, 'wb').write(data)
    print(f'{path}: kept {kept / 1e6:.1f} MB of GPU code for sm_{keep}, zeroed {zeroed / 1e6:.1f} MB')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 90)
