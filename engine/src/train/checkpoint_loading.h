// Loading a checkpoint that may come from anywhere: another run, another machine, a download.
// LibTorch's own Module::load swaps in whatever tensors an archive holds, so a checkpoint of
// another network silently changes the model's shapes and a hostile file can ask for any amount
// of memory. This loader checks before it changes anything.
#pragma once

#include <string>

namespace torch::nn {
class Module;
}

namespace sweeplab {

// Loads `path` (written by saveStateFile) into `model`. Checks, in order: the file exists and is
// a regular file; its size is no more than this model's state can take (so a huge file is
// refused before it is read); it is a LibTorch archive; every parameter and buffer is present
// with the model's shape, a number type of the same kind and finite values. Throws InputError
// naming the file, the tensor and the mismatch; the model is unchanged then. `modelName` is
// used in messages ("jsc-tiny").
void loadStateFile(torch::nn::Module& model, const std::string& path, const std::string& modelName);

}  // namespace sweeplab
