# Included by the top-level CMakeLists.txt when PALOMAR_FUZZ is on, before any
# library is defined: every Palomar library is then built with libFuzzer's
# coverage instrumentation plus ASan and UBSan, and fuzz/ links the drivers.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "PALOMAR_FUZZ needs clang and libFuzzer: configure with "
    "-DCMAKE_CXX_COMPILER=clang++-14 (scripts/fuzz.sh does)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
  -fno-sanitize-recover=undefined -gline-tables-only)
add_link_options(-fsanitize=address,undefined)
