# The native backend. The vector code is compiled once per instruction set, each in its own static
# library (gyp has no per-file flags), and the addon picks one at run time (src/cpu.cc): on x64 for
# SSE2, AVX2+FMA and AVX-512, elsewhere one lane of plain C++ (simd/isa-generic.h).
# -ffp-contract=off: a·b + c is fused only where the code says fmadd, so float64 log-terms round as the
# JavaScript oracle's do (support edges such as u² ≤ 1 decide identically).
{
  'target_defaults': {
    'cflags_cc': ['-O3', '-std=c++17', '-ffp-contract=off', '-fPIC', '-fvisibility=hidden', '-fomit-frame-pointer'],
    'cflags_cc!': ['-O2', '-std=gnu++17', '-std=gnu++20'],
    # macOS builds read their flags from here instead (Windows/MSVC is not supported: the install step
    # then reports the backend unavailable)
    'xcode_settings': {'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17', '-ffp-contract=off', '-fvisibility=hidden']},
  },
  'targets': [
    {
      'target_name': 'nadaraya_native',
      'sources': ['src/addon.cc', 'src/cpu.cc', 'src/parallel.cc', 'src/prepare.cc', 'src/run.cc', 'src/scalar.cc', 'src/scan.cc'],
      # std::thread reports a refused thread by exception (parallel.cc carries on with fewer)
      'cflags_cc!': ['-fno-exceptions'],
      'cflags_cc': ['-fexceptions'],
      'xcode_settings': {'GCC_ENABLE_CPP_EXCEPTIONS': 'YES'},
      'libraries': ['-pthread'],
      'conditions': [
        ['target_arch=="x64"', {'dependencies': ['nw_sse2', 'nw_avx2', 'nw_avx512']}, {'dependencies': ['nw_generic']}],
      ],
    },
  ],
  'conditions': [
    ['target_arch!="x64"', {
      'targets': [{'target_name': 'nw_generic', 'type': 'static_library', 'sources': ['src/simd/entry-generic.cc']}],
    }],
    ['target_arch=="x64"', {
      'targets': [
        {'target_name': 'nw_sse2', 'type': 'static_library', 'sources': ['src/simd/entry-sse2.cc'],
         'cflags_cc': ['-msse2'], 'xcode_settings': {'OTHER_CPLUSPLUSFLAGS+': ['-msse2']}},
        {'target_name': 'nw_avx2', 'type': 'static_library', 'sources': ['src/simd/entry-avx2.cc'],
         'cflags_cc': ['-mavx2', '-mfma'], 'xcode_settings': {'OTHER_CPLUSPLUSFLAGS+': ['-mavx2', '-mfma']}},
        # GCC 12 warns of its own intrinsics' deliberately undefined operands
        {'target_name': 'nw_avx512', 'type': 'static_library', 'sources': ['src/simd/entry-avx512.cc'],
         'cflags_cc': ['-mavx512f', '-mavx2', '-mfma', '-Wno-maybe-uninitialized'],
         'xcode_settings': {'OTHER_CPLUSPLUSFLAGS+': ['-mavx512f', '-mavx2', '-mfma']}},
      ],
    }],
  ],
}
