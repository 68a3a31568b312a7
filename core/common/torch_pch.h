#pragma once
// Precompiled header of florence_core_nn: the libtorch headers the model code uses.
#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/grad_mode.h>
