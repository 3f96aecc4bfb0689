// The shuffles of a group's members drawn together on several threads (permutation_draws.h)
// must be exactly the ones each member's generator gives on one thread: a trial's batches, and so
// its numbers, may not depend on the cores of the machine or the size of its group.
#include <QtTest>

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <vector>

#include "train/permutation_draws.h"

using namespace sweeplab;

class tst_permutation_draws : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void drawsEqualEachGeneratorsOwnSequence() {
    constexpr int64_t kRows = 5000;
    constexpr int kMembers = 23;  // more than the cores, so threads take several each
    std::vector<at::Generator> drawn, alone;
    for (int seed = 0; seed < kMembers; ++seed) {
      drawn.push_back(at::make_generator<at::CPUGeneratorImpl>(seed));
      alone.push_back(at::make_generator<at::CPUGeneratorImpl>(seed));
    }
    const at::Tensor rows = at::empty({kMembers, kRows}, at::kLong);
    std::vector<at::Generator*> generators;
    std::vector<at::Tensor> targets;
    for (int g = 0; g < kMembers; ++g) {
      generators.push_back(&drawn[g]);
      targets.push_back(rows[g]);
    }
    // Two epochs: the second draw of each generator follows its first, as on one thread.
    for (int epoch = 0; epoch < 2; ++epoch) {
      drawPermutations(kRows, generators, targets);
      for (int g = 0; g < kMembers; ++g)
        QVERIFY2(at::equal(rows[g], at::randperm(kRows, alone[g])),
                 qPrintable(QString("member %1, epoch %2").arg(g).arg(epoch)));
    }
    QVERIFY(!at::equal(rows[0], rows[1]));  // each member has its own order
  }

  void mismatchedListsAreRefused() {
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(0);
    std::vector<at::Generator*> generators{&generator};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, drawPermutations(10, generators, {}));
  }
};

QTEST_GUILESS_MAIN(tst_permutation_draws)
#include "tst_permutation_draws.moc"
