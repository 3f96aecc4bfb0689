// The arithmetic of one training step of a small MLP as plain loops, no torch: the layers'
// forward and backward passes and the cross-entropy. A batch lives feature-major here: C
// features of n rows are C runs of n floats, so every inner loop runs along the batch, where
// it vectorises whatever the layer widths are. CpuMlpStep feeds these the modules' tensors.
// Linear layers and activations live in mlp_loops.cpp, batch norm in batch_norm_loop.cpp, the
// cross-entropy in cross_entropy_loop.cpp.
#pragma once

#include <cstdint>

namespace sweeplab::mlp {

// Row-major [rows x cols] into feature-major [cols x rows], and back.
void toFeatureMajor(const float* rowMajor, int64_t rows, int64_t cols, float* featureMajor);
void toRowMajor(const float* featureMajor, int64_t rows, int64_t cols, float* rowMajor);
// Rows rowIndex[0..rows) of a row-major [? x cols] array into feature-major [cols x rows].
void gatherFeatureMajor(const float* rowMajor, const int64_t* rowIndex, int64_t rows, int64_t cols,
                        float* featureMajor);

// y = x W^T + b with W row-major [out x in], as torch::nn::Linear stores it.
void linearForward(const float* x, const float* weight, const float* bias, int64_t in, int64_t out,
                   int64_t n, float* y);

// Overwrites dWeight [out x in] and dBias [out]; dx [in x n] when not null.
void linearBackward(const float* x, const float* weight, const float* dy, int64_t in, int64_t out,
                    int64_t n, float* dWeight, float* dBias, float* dx);

// Per channel over the batch: the mean, the sum of squared deviations (its biased variance is
// that over n, the unbiased one over n - 1) and 1 / sqrt(biased variance + eps); scratch is
// room for kBatchNormScratchRows * n doubles that the passes use in between.
struct ChannelStats {
  double* mean;
  double* squaredDeviations;
  double* invStd;
  double* scratch;
};
constexpr int64_t kBatchNormScratchRows = 4;

// Batch normalisation in training mode: normalises with the batch's own statistics.
void batchNormForward(const float* x, const float* gamma, const float* beta, int64_t channels,
                      int64_t n, double eps, ChannelStats stats, float* y);

// Overwrites dGamma and dBeta; dx when not null. x and stats are those of the forward pass.
void batchNormBackward(const float* x, const float* gamma, const float* dy, int64_t channels,
                       int64_t n, ChannelStats stats, float* dGamma, float* dBeta, float* dx);

enum class Activation { ReLU, Tanh, LeakyReLU, GELU };

// Element-wise over count floats. slope: LeakyReLU's negative slope.
void activationForward(Activation kind, float slope, const float* x, int64_t count, float* y);
// x and y are the forward pass's input and output.
void activationBackward(Activation kind, float slope, const float* x, const float* y,
                        const float* dy, int64_t count, float* dx);

// Mean cross-entropy of the logits [classes x n] against labels in [0, classes); writes
// d(loss)/d(logits) = (softmax - onehot) / n and, when not null, each row's first arg-max.
double crossEntropy(const float* logits, const int64_t* labels, int64_t classes, int64_t n,
                    float* dLogits, int64_t* predictions);

}  // namespace sweeplab::mlp
