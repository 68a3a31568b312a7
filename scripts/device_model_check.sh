#!/usr/bin/env bash
# GPU check of the model and generation code, run on the device machine (see the device tool): builds
# core/model + core/generate + the checkpoint loader against that machine's PyTorch (CUDA) and runs
#   bench_fixtures --device cuda --dtype f32|f16|bf16   (agreement with the reference fixtures)
#   bench_model --device cuda                          (base-size random model timings)
# Needs nlohmann/json.hpp in build-dev/nlohmann (carried). Not part of CI.
set -uo pipefail
REPO=$(pwd)
echo "== repo $(git log -1 --oneline 2>/dev/null)"
if [ ! -f core/model/florence2.h ] || [ ! -f bench/bench_fixtures.cpp ]; then
  echo "this checkout lacks the model code (core/model/florence2.h); nothing to do"; exit 3
fi
nvidia-smi -L; gcc --version | head -1; cmake --version | head -1
python3 -c "import torch;print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
TP=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
B=/tmp/devb; mkdir -p /tmp/dev $B
cat > /tmp/dev/CMakeLists.txt <<EOF
cmake_minimum_required(VERSION 3.21)
project(florence_device CXX)
set(CMAKE_CXX_STANDARD 17)
find_package(Torch REQUIRED)
set(R $REPO)
file(GLOB MODEL_SRC \${R}/core/model/*.cpp \${R}/core/generate/*.cpp)
add_library(core STATIC \${R}/core/common/error.cpp \${R}/core/common/file_io.cpp \${R}/core/common/threads.cpp
  \${R}/core/io/safetensors.cpp \${R}/core/io/checkpoint.cpp \${R}/core/io/state_dict_pickle.cpp
  \${R}/core/io/random_model.cpp \${R}/core/io/torch_zip_writer.cpp \${MODEL_SRC})
target_include_directories(core PUBLIC \${R}/core $REPO/build-dev)
target_compile_options(core PRIVATE -O3)
target_link_libraries(core PUBLIC \${TORCH_LIBRARIES})
find_package(OpenMP REQUIRED)
target_link_libraries(core PUBLIC OpenMP::OpenMP_CXX)
add_executable(bench_fixtures \${R}/bench/bench_fixtures.cpp)
target_include_directories(bench_fixtures PRIVATE \${R}/tests)
target_compile_definitions(bench_fixtures PRIVATE FLORENCE_TEST_DATA="\${R}/tests/data")
target_link_libraries(bench_fixtures core -Wl,--no-as-needed)
add_executable(bench_model \${R}/bench/bench_model.cpp)
target_compile_definitions(bench_model PRIVATE FLORENCE_SOURCE_DIR="\${R}" FLORENCE_BINARY_DIR="$B")
target_link_libraries(bench_model core -Wl,--no-as-needed)
EOF
cmake -S /tmp/dev -B $B -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$TP" > $B/cmake.log 2>&1 || { tail -40 $B/cmake.log; exit 4; }
time ninja -C $B -j16 bench_fixtures bench_model > $B/build.log 2>&1 || { grep -E "error" -A3 $B/build.log | head -60; exit 5; }
for dt in f32 f16 bf16; do timeout 200 $B/bench_fixtures --device cuda --dtype $dt --threads 4; done
timeout 240 $B/bench_model --device cuda --repeat 3 --long-steps 520 --threads 4
