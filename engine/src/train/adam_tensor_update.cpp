#include "train/adam_tensor_update.h"

#include <ATen/ATen.h>

#include "train/adam_defaults.h"

namespace sweeplab {

using adam::kBeta1;
using adam::kBeta2;
using adam::kEpsilon;

void adamTensorUpdate(const at::Tensor& values, const at::Tensor& first, const at::Tensor& second,
                      const at::Tensor& gradient, const at::Tensor& steps, const at::Tensor& lr) {
  const at::Tensor correction1 = at::pow(kBeta1, steps).neg_().add_(1);
  const at::Tensor correction2 = at::pow(kBeta2, steps).neg_().add_(1);
  first.mul_(kBeta1).add_(gradient, 1 - kBeta1);
  second.mul_(kBeta2).addcmul_(gradient, gradient, 1 - kBeta2);
  const at::Tensor denominator = (second.sqrt() / correction2.sqrt()).add_(kEpsilon);
  values.addcdiv_(first * (lr / correction1), denominator, -1);
}

}  // namespace sweeplab
