# Fuzz targets for the lesson parser and the notes importer, built with clang's libFuzzer beside the main
# (gcc) build, and run by CTest for a few seconds each from the seed corpus. Included from
# tests/CMakeLists.txt when clang++ is found. The parsers' sources are compiled again with coverage
# instrumentation and AddressSanitizer + UndefinedBehaviorSanitizer; md4c comes from Debian as it is.
set(ATTEND_FUZZ_DIR ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
set(ATTEND_FUZZ_SECONDS 8 CACHE STRING "Seconds each fuzz target runs under CTest")

set(fuzz_sources
  core/text/utf8.cpp core/text/tex_symbols.cpp core/text/tex_parse.cpp core/text/tex_layout.cpp
  core/text/markdown.cpp core/search/tokenizer.cpp core/lesson/topics.cpp core/lesson/quiz.cpp
  core/lesson/lesson_parser.cpp core/notes/import.cpp core/util/assert.cpp core/util/files.cpp core/util/paths.cpp)
set(fuzz_flags -std=c++17 -O1 -gline-tables-only -fno-omit-frame-pointer
  -fsanitize=address,undefined -fno-sanitize-recover=undefined -I${ATTEND_SOURCE_DIR} ${MD4C_CFLAGS}
  -DATTEND_VERSION="${PROJECT_VERSION}" -DATTEND_ASSETS_DIR="${ATTEND_SOURCE_DIR}/assets"
  -DATTEND_LESSONS_DIR="${ATTEND_SOURCE_DIR}/lessons")

set(fuzz_objects)
foreach(src ${fuzz_sources})
  string(REPLACE "/" "_" name ${src})
  set(obj ${ATTEND_FUZZ_DIR}/obj/${name}.o)
  add_custom_command(OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${ATTEND_FUZZ_DIR}/obj
    COMMAND ${ATTEND_CLANGXX} ${fuzz_flags} -fsanitize=fuzzer-no-link -c ${ATTEND_SOURCE_DIR}/${src} -o ${obj}
    DEPENDS ${ATTEND_SOURCE_DIR}/${src}
    IMPLICIT_DEPENDS CXX ${ATTEND_SOURCE_DIR}/${src}
    COMMENT "Compiling ${src} for fuzzing"
    VERBATIM)
  list(APPEND fuzz_objects ${obj})
endforeach()

set(fuzz_binaries)
foreach(target fuzz_lesson_parser fuzz_notes_import)
  set(bin ${ATTEND_FUZZ_DIR}/${target})
  add_custom_command(OUTPUT ${bin}
    COMMAND ${ATTEND_CLANGXX} ${fuzz_flags} -fsanitize=fuzzer ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${target}.cpp
            ${fuzz_objects} ${MD4C_LINK_LIBRARIES} -o ${bin}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${target}.cpp ${fuzz_objects}
    IMPLICIT_DEPENDS CXX ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${target}.cpp
    COMMENT "Linking the ${target} fuzzer"
    VERBATIM)
  list(APPEND fuzz_binaries ${bin})
endforeach()
add_custom_target(attend_fuzzers ALL DEPENDS ${fuzz_binaries})

# Each run starts from the seeds (never written to) in a fresh work folder that collects new inputs and any
# crashing one (artifact), so a failure leaves the input to reproduce it: `fuzz_x artifact-file`.
function(attend_fuzz_test target)
  set(work ${ATTEND_FUZZ_DIR}/${target}-work)
  set(seeds "")
  foreach(dir ${ARGN})
    string(APPEND seeds " '${dir}'")
  endforeach()
  add_test(NAME ${target}
    COMMAND sh -c "rm -rf '${work}' && mkdir -p '${work}/corpus' && exec '${ATTEND_FUZZ_DIR}/${target}' -max_total_time=${ATTEND_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -dict='${CMAKE_CURRENT_SOURCE_DIR}/fuzz/markdown.dict' -artifact_prefix='${work}/' '${work}/corpus'${seeds}")
  set_tests_properties(${target} PROPERTIES TIMEOUT 120 ENVIRONMENT "${ATTEND_TEST_ENV}")
endfunction()
attend_fuzz_test(fuzz_lesson_parser ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/lesson)
attend_fuzz_test(fuzz_notes_import ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/notes
  ${ATTEND_SOURCE_DIR}/assets/notes)
