# florence_add_test(NAME <name> LABEL core|ui SOURCES <src...> [LIBS <libs...>] [TIMEOUT <s>])
#
# One Qt Test executable registered with CTest: label, offscreen Qt platform, fixed locale and the
# test-data path (both as the FLORENCE_TEST_DATA environment variable and a compile definition).
# Every suite gets the one shared main (tests/test_main.cpp), in its GUI flavour for LABEL ui;
# test classes register themselves with FLORENCE_TEST_CLASS (tests/test_registry.h).
function(florence_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_NAME OR NOT T_LABEL OR NOT T_SOURCES)
    message(FATAL_ERROR "florence_add_test: NAME, LABEL and SOURCES are required")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  add_executable(${T_NAME} ${T_SOURCES} ${PROJECT_SOURCE_DIR}/tests/test_main.cpp)
  if(T_LABEL STREQUAL "ui")
    target_compile_definitions(${T_NAME} PRIVATE FLORENCE_TEST_GUI)
  endif()
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    QT_NO_KEYWORDS
    FLORENCE_TEST_NAME="${T_NAME}"
    FLORENCE_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
    FLORENCE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES
    LABELS "${T_LABEL}"
    TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;FLORENCE_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data;OMP_NUM_THREADS=1;FLORENCE_BLAS_CORE=keep")
endfunction()
