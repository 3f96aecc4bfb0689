#include "hdf5_table_plan.h"

#include <hdf5.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <iterator>
#include <limits>

#include "sweeplab/dataset.h"

namespace sweeplab::fuzz {
namespace {

const char* const kLabelNames[] = {"j_g", "j_q", "j_w", "j_z", "j_t"};
const char* const kExtraNames[] = {"j_index", "j_pt", "j_eta", "truth", "j_zlogz_2"};
constexpr FieldKind kLastKind = FieldKind::FloatPair;

FieldKind consumeKind(FuzzedDataProvider& input) {
  return static_cast<FieldKind>(input.ConsumeIntegralInRange<int>(0, int(kLastKind)));
}

bool isLabelName(const std::string& name) {
  return std::find(std::begin(kLabelNames), std::end(kLabelNames), name) != std::end(kLabelNames);
}

// Mostly the expected 21 fields; now and then one is dropped, misspelt or of its own type.
void planFields(FuzzedDataProvider& input, TablePlan& plan) {
  const FieldKind featureKind = consumeKind(input);
  const FieldKind labelKind = consumeKind(input);
  std::vector<std::string> names = jscFeatureNames();
  names.insert(names.end(), std::begin(kLabelNames), std::end(kLabelNames));
  for (std::string name : names) {
    const int change = input.ConsumeIntegralInRange(0, 63);
    if (change == 63) continue;
    if (change == 62) name[0] = 'J';
    FieldKind kind = isLabelName(name) ? labelKind : featureKind;
    if (change == 61 || change == 60) kind = consumeKind(input);
    plan.fields.push_back({name, kind, 0});
  }
  for (int extras = input.ConsumeIntegralInRange(0, 3); extras > 0; --extras) {
    const int which = input.ConsumeIntegralInRange<int>(0, std::size(kExtraNames) - 1);
    plan.fields.push_back({kExtraNames[which], consumeKind(input), 0});
  }
  // The order of the fields in the row, then their places, with gaps between them at times.
  for (std::size_t i = plan.fields.size(); i > 1; --i)
    std::swap(plan.fields[i - 1], plan.fields[input.ConsumeIntegralInRange<std::size_t>(0, i - 1)]);
  const bool gaps = input.ConsumeBool();
  std::size_t end = 0;
  for (FieldPlan& field : plan.fields) {
    field.offset = end + (gaps ? input.ConsumeIntegralInRange(0, 3) : 0);
    end = field.offset + fieldSize(field.kind);
  }
  plan.record_size = std::max<std::size_t>(1, end + input.ConsumeIntegralInRange(0, 4));
}

double consumeFeature(FuzzedDataProvider& input, bool nonFinite) {
  switch (input.ConsumeIntegralInRange(0, nonFinite ? 15 : 10)) {
    case 8:
    case 9:
    case 10:
      return input.ConsumeIntegralInRange(-100, 100) / 4.0;
    case 11:
      return std::numeric_limits<double>::quiet_NaN();
    case 12:
      return std::numeric_limits<double>::infinity();
    case 13:
      return -std::numeric_limits<double>::infinity();
    case 14:
      return 1e39;  // finite as a double, too large for a float
    case 15:
      return input.ConsumeFloatingPoint<double>();
    default:
      return input.ConsumeIntegralInRange(-100, 100);
  }
}

// Label values per row: one class, none, two, or a class marked by a value other than 1.
void planValues(FuzzedDataProvider& input, TablePlan& plan, std::uint64_t records) {
  const bool nonFinite = input.ConsumeIntegralInRange(0, 3) == 3;
  plan.values.reserve(records * plan.fields.size());
  for (std::uint64_t record = 0; record < records; ++record) {
    const int choice = input.ConsumeIntegralInRange(0, 9);
    const int hot = choice < 5 ? choice : int(record % 5);
    for (const FieldPlan& field : plan.fields) {
      if (!isLabelName(field.name)) {
        plan.values.push_back(consumeFeature(input, nonFinite));
        continue;
      }
      const int index = int(std::find(std::begin(kLabelNames), std::end(kLabelNames), field.name) -
                            std::begin(kLabelNames));
      double value = index == hot ? 1.0 : 0.0;
      if (choice == 5) value = 0.0;                            // no class
      if (choice == 6 && index == (hot + 1) % 5) value = 1.0;  // two classes
      if (choice == 7 && index == hot) value = input.ConsumeBool() ? -1.0 : 2.0;
      plan.values.push_back(value);
    }
  }
}

}  // namespace

std::size_t fieldSize(FieldKind kind) {
  switch (kind) {
    case FieldKind::Float64:
    case FieldKind::Float64BigEndian:
    case FieldKind::Int64:
    case FieldKind::UInt64:
    case FieldKind::String8:
    case FieldKind::FloatPair:
      return 8;
    case FieldKind::Half:
    case FieldKind::Int16BigEndian:
      return 2;
    case FieldKind::Int8:
    case FieldKind::UInt8:
    case FieldKind::Enum8:
    case FieldKind::Bitfield8:
      return 1;
    default:
      return 4;
  }
}

bool isNumeric(FieldKind kind) {
  return kind != FieldKind::String8 && kind != FieldKind::Enum8 && kind != FieldKind::Bitfield8 &&
         kind != FieldKind::FloatPair;
}

bool storedExactly(double value, FieldKind kind) {
  const auto integerIn = [value](double low, double high) {
    return std::isfinite(value) && value == std::floor(value) && value >= low && value <= high;
  };
  switch (kind) {
    case FieldKind::Float64:
    case FieldKind::Float64BigEndian:
      return true;
    case FieldKind::Float32:
    case FieldKind::Float32BigEndian:
      return !std::isfinite(value) ||
             (std::fabs(value) <= FLT_MAX && double(float(value)) == value);
    case FieldKind::Half:  // 11 significant bits: quarters below 512 are exact
      return !std::isfinite(value) ||
             (std::fabs(value) < 512 && value * 4 == std::floor(value * 4));
    case FieldKind::Int8:
      return integerIn(-128, 127);
    case FieldKind::UInt8:
      return integerIn(0, 255);
    case FieldKind::Int16BigEndian:
      return integerIn(-32768, 32767);
    case FieldKind::Int32:
      return integerIn(-2147483648.0, 2147483647.0);
    case FieldKind::UInt32:
      return integerIn(0, 4294967295.0);
    case FieldKind::Int64:
      return integerIn(-9007199254740992.0, 9007199254740992.0);
    case FieldKind::UInt64:
      return integerIn(0, 9007199254740992.0);
    default:
      return false;
  }
}

// An input of zero bytes plans a valid table (FuzzedDataProvider then gives every choice its
// first option, always the usual one), so that mutations start from files that load.
TablePlan planTable(FuzzedDataProvider& input) {
  TablePlan plan;
  // Mostly the expected dataset; one input in four tries a near miss.
  switch (input.ConsumeIntegralInRange(0, 31)) {
    case 1:
      plan.dataset_name = "jets";
      break;
    case 2:
      plan.dataset_name = "T_allpar_new";
      break;
    case 3:
      plan.placement = Placement::Group;
      break;
    case 4:
      plan.placement = Placement::DanglingLink;
      break;
    case 5:
      plan.placement = Placement::LinkToDataset;
      break;
    case 6:
      plan.placement = Placement::InSubgroup;
      break;
    case 7:
      plan.compound = false;
      break;
    case 8:
      plan.rank = 2;
      break;
    default:
      break;
  }
  plan.rows = (input.ConsumeIntegralInRange<std::uint64_t>(0, 40) + 3) % 41;
  planFields(input, plan);
  plan.storage = static_cast<Storage>(input.ConsumeIntegralInRange(0, 4));
  plan.chunk_rows = input.ConsumeIntegralInRange<std::uint64_t>(1, plan.rows + 3);
  const std::uint64_t records = plan.rows * (plan.rank == 2 ? 2 : 1);
  plan.raw_bytes = input.ConsumeIntegralInRange(0, 7) == 7;
  if (plan.raw_bytes) {
    plan.raw = input.ConsumeBytes<unsigned char>(records * plan.record_size);
    plan.raw.resize(records * plan.record_size);
  } else {
    planValues(input, plan, records);
  }
  return plan;
}

}  // namespace sweeplab::fuzz
