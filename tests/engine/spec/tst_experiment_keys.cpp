// The key table that forms and editors rely on is complete and consistent, and the committed
// JSON Schema (experiments/sweeplab-experiment.schema.json) is generated from it and current.
// Regenerate the schema with: SWEEPLAB_UPDATE_SCHEMA=1 tst_experiment_keys
#include <QtTest>

#include <cmath>

#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/model_catalog.h"

using namespace sweeplab;

namespace {

const char* const kSchemaPath = SWEEPLAB_SOURCE_DIR "/experiments/sweeplab-experiment.schema.json";

QString parentOf(const QString& key) {
  const int dot = key.lastIndexOf('.');
  return dot < 0 ? QString() : key.left(dot);
}

QJsonValue defaultJson(const KeyInfo& info) {
  const QString text = QString::fromStdString(info.default_value);
  if (text == "null") return QJsonValue::Null;
  if (info.type == "integer") return text.toLongLong();
  if (info.type == "number") return text.toDouble();
  if (info.type == "boolean") return text == "true";
  if (info.type.find("list") != std::string::npos) return QJsonArray();  // every list is empty
  return text;
}

void addRange(QJsonObject& schema, const KeyInfo& info) {
  if (std::isfinite(info.min))
    schema[info.min_exclusive ? "exclusiveMinimum" : "minimum"] = info.min;
  if (std::isfinite(info.max))
    schema[info.max_exclusive ? "exclusiveMaximum" : "maximum"] = info.max;
}

QJsonArray names(const std::vector<std::string>& items) {
  QJsonArray out;
  for (const auto& item : items) out.append(QString::fromStdString(item));
  return out;
}

QJsonObject keySchema(const KeyInfo& info) {
  QJsonObject schema;
  if (info.type == "integer" || info.type == "number") {
    const QString type = QString::fromStdString(info.type);
    schema["type"] = info.nullable ? QJsonValue(QJsonArray{type, "null"}) : QJsonValue(type);
    addRange(schema, info);
  } else if (info.type == "boolean") {
    schema["type"] = "boolean";
  } else if (info.type == "choice") {
    QJsonArray choices = names(info.choices);
    if (info.nullable) choices.append(QJsonValue::Null);
    schema["enum"] = choices;
  } else if (info.type == "integer-list") {
    QJsonObject item{{"type", "integer"}};
    addRange(item, info);
    schema["type"] = "array";
    schema["items"] = item;
  } else if (info.type == "string-list") {
    schema["type"] = "array";
    schema["items"] = QJsonObject{{"type", "string"}, {"minLength", 1}};
  } else {
    schema["type"] = "string";
    if (!info.pattern.empty()) schema["pattern"] = QString::fromStdString(info.pattern);
  }
  schema["description"] = QString::fromStdString(info.help);
  schema["default"] = defaultJson(info);
  return schema;
}

const QMap<QString, QString>& sectionHelp() {
  static const QMap<QString, QString> help = {
      {"dataset",
       "Where the jets come from and how they are split into train, validation and "
       "test sets."},
      {"model", "The network: a catalog name such as jsc-tiny, or a map describing an mlp."},
      {"training", "How each trial trains: batch size, epochs, optimizer and schedule."},
      {"training.scheduler",
       "The learning-rate schedule, or just its type (cosine, constant, "
       "step)."},
      {"training.early_stopping",
       "Stopping when validation stops improving; true/false, or a "
       "map (a map without enabled turns it on)."},
      {"search",
       "How trials are chosen: the grid over the swept lists, or random or tpe search over the "
       "swept distributions; or just the method."},
      {"search.objective",
       "The result that makes a trial the best, and whether larger or smaller is better; or "
       "just the metric."},
      {"pruning",
       "Stopping hopeless trials at epoch ends (median or asha), with their settings; or just "
       "the method."},
      {"cluster",
       "Where submit --slurm sends the study: the Slurm options of its array job (options on "
       "the command line replace single fields). Never changes what a trial trains."},
  };
  return help;
}

// A section's object schema, plus the scalar shorthand the reader accepts for it.
QJsonObject sectionSchema(const QString& section) {
  QJsonObject properties;
  QSet<QString> subsections;
  for (const KeyInfo& info : experimentKeys()) {
    const QString key = QString::fromStdString(info.key);
    if (info.shorthand) continue;
    if (parentOf(key) == section)
      properties[key.mid(section.isEmpty() ? 0 : section.size() + 1)] = keySchema(info);
    else if (key.startsWith(section.isEmpty() ? QString() : section + ".")) {
      QString sub = key.mid(section.isEmpty() ? 0 : section.size() + 1);
      subsections.insert((section.isEmpty() ? "" : section + ".") + sub.left(sub.indexOf('.')));
    }
  }
  for (const QString& sub : subsections)
    properties[sub.mid(section.isEmpty() ? 0 : section.size() + 1)] = sectionSchema(sub);
  if (section == "model")
    properties["type"] = QJsonObject{{"const", "mlp"}, {"description", "Same as name: mlp."}};

  QJsonObject object{
      {"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
  if (section.isEmpty()) return object;
  QJsonValue scalarForm;
  if (section == "model")
    scalarForm = QJsonObject{{"enum", names(catalogModelNames())}};
  else if (section == "training.scheduler")
    scalarForm =
        QJsonObject{{"enum", names(findExperimentKey("training.scheduler.type")->choices)}};
  else if (section == "training.early_stopping")
    scalarForm = QJsonObject{{"type", "boolean"}};
  else if (section == "search")
    scalarForm = QJsonObject{{"enum", names(findExperimentKey("search.method")->choices)}};
  else if (section == "search.objective")
    scalarForm =
        QJsonObject{{"enum", names(findExperimentKey("search.objective.metric")->choices)}};
  else if (section == "pruning")
    scalarForm = QJsonObject{{"enum", names(findExperimentKey("pruning.method")->choices)}};
  if (!scalarForm.isObject()) {
    object["description"] = sectionHelp().value(section);
    return object;
  }
  QJsonObject schema{{"description", sectionHelp().value(section)},
                     {"anyOf", QJsonArray{scalarForm, object}}};
  return schema;
}

QJsonObject generatedSchema() {
  QJsonObject root = sectionSchema(QString());
  QJsonObject properties = root["properties"].toObject();
  QJsonArray sweepable;
  for (const KeyInfo& info : experimentKeys())
    if (info.sweepable) sweepable.append(QString::fromStdString(info.key));
  // A swept key's value: a list, or one distribution (a range or a choice) with an optional
  // step (q is its other name).
  QJsonArray forms{QJsonObject{{"type", "array"}, {"minItems", 1}}};
  const QJsonObject bounds{{"type", "array"},
                           {"items", QJsonObject{{"type", "number"}}},
                           {"minItems", 2},
                           {"maxItems", 2}};
  const QJsonObject step{{"type", "number"}, {"exclusiveMinimum", 0}};
  for (const char* name : {"uniform", "log_uniform", "int_uniform", "int_log_uniform", "choice"}) {
    const bool choice = QString(name) == "choice";
    QJsonObject properties{
        {name, choice ? QJsonObject{{"type", "array"}, {"minItems", 1}} : bounds}};
    if (QString(name) == "uniform" || QString(name) == "int_uniform") {
      properties["step"] = step;
      properties["q"] = step;
    }
    forms.append(QJsonObject{{"type", "object"},
                             {"required", QJsonArray{name}},
                             {"additionalProperties", false},
                             {"properties", properties}});
  }
  properties["sweep"] =
      QJsonObject{{"description",
                   "Keys to vary: a list of values (grid: every combination becomes a trial, the "
                   "first key varying slowest), or for random and tpe search a distribution "
                   "such as {log_uniform: [1e-5, 0.1]}."},
                  {"type", "object"},
                  {"propertyNames", QJsonObject{{"enum", sweepable}}},
                  {"additionalProperties", QJsonObject{{"anyOf", forms}}},
                  {"default", QJsonObject()}};
  root["properties"] = properties;
  root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  root["title"] = "Sweeplab experiment";
  root["description"] =
      "A hyperparameter study: dataset, model, training settings and the keys to sweep.";
  return root;
}

// The schema of a dotted key inside `schema`, following sections and their anyOf forms.
QJsonObject findInSchema(QJsonObject schema, const QString& key) {
  for (const QString& part : key.split('.')) {
    if (schema.contains("anyOf")) schema = schema["anyOf"].toArray().last().toObject();
    schema = schema["properties"].toObject()[part].toObject();
  }
  return schema;
}

}  // namespace

class tst_experiment_keys : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyKeyIsDocumented();
  void defaultsReadBackAsDefaults();
  void sweepableKeysAreModelAndTraining();
  void choicesMatchTheCatalog();
  void describesWhatIsAllowed();
  void committedSchemaIsCurrent();
  void committedSchemaListsEveryKey();
  void readmeDocumentsEveryKey();
};

void tst_experiment_keys::everyKeyIsDocumented() {
  QSet<QString> seen;
  for (const KeyInfo& info : experimentKeys()) {
    const QString key = QString::fromStdString(info.key);
    QVERIFY2(!seen.contains(key), qPrintable(key));
    seen.insert(key);
    QVERIFY2(info.help.size() > 20, qPrintable(key));
    QVERIFY2(info.type != "choice" || !info.choices.empty(), qPrintable(key));
    QCOMPARE(findExperimentKey(info.key)->key, info.key);
  }
  QVERIFY(findExperimentKey("training.batch_size"));
  QVERIFY(!findExperimentKey("training"));
  QCOMPARE(seen.size(), 59);
}

void tst_experiment_keys::defaultsReadBackAsDefaults() {
  const ExperimentSpec defaults;
  for (const KeyInfo& info : experimentKeys()) {
    if (info.shorthand) continue;
    ExperimentSpec spec;
    applyOverride(spec, info.key, info.default_value);
    QVERIFY2(spec == defaults, info.key.c_str());
  }
  QCOMPARE(findExperimentKey("training.learning_rate")->default_value, std::string("1e-05"));
  QCOMPARE(findExperimentKey("training.batch_size")->default_value, std::string("128"));
}

void tst_experiment_keys::sweepableKeysAreModelAndTraining() {
  for (const KeyInfo& info : experimentKeys()) {
    const bool expected = info.key == "model" || info.key.rfind("model.", 0) == 0 ||
                          info.key.rfind("training.", 0) == 0;
    QVERIFY2(info.sweepable == expected, info.key.c_str());
  }
}

void tst_experiment_keys::choicesMatchTheCatalog() {
  std::vector<std::string> withMlp = catalogModelNames();
  withMlp.push_back("mlp");
  QCOMPARE(findExperimentKey("model.name")->choices, withMlp);
  QCOMPARE(findExperimentKey("model")->choices, catalogModelNames());
  QVERIFY(findExperimentKey("model")->shorthand);
}

void tst_experiment_keys::describesWhatIsAllowed() {
  auto allowed = [](const char* key) { return describeAllowed(*findExperimentKey(key)); };
  QCOMPARE(allowed("training.batch_size"), std::string("a positive integer"));
  QCOMPARE(allowed("training.learning_rate"), std::string("a positive number"));
  QCOMPARE(allowed("training.weight_decay"), std::string("a non-negative number"));
  QCOMPARE(allowed("dataset.test_fraction"), std::string("a number in (0, 1)"));
  QCOMPARE(allowed("model.dropout"), std::string("a number in [0, 1)"));
  QCOMPARE(allowed("training.optimizer"), std::string("one of adam, adamw, sgd"));
  QCOMPARE(allowed("training.scheduler.t_max"), std::string("a positive integer, or null"));
  QCOMPARE(allowed("parallel_trials"), std::string("an integer from 0 to 1024"));
}

void tst_experiment_keys::committedSchemaIsCurrent() {
  const QJsonObject generated = generatedSchema();
  if (qEnvironmentVariableIsSet("SWEEPLAB_UPDATE_SCHEMA")) {
    QFile out(kSchemaPath);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(QJsonDocument(generated).toJson(QJsonDocument::Indented));
  }
  QFile file(kSchemaPath);
  QVERIFY2(file.open(QIODevice::ReadOnly), kSchemaPath);
  const QJsonObject committed = QJsonDocument::fromJson(file.readAll()).object();
  QVERIFY2(committed == generated,
           "the key table changed: regenerate the schema with SWEEPLAB_UPDATE_SCHEMA=1 "
           "tst_experiment_keys");
}

void tst_experiment_keys::committedSchemaListsEveryKey() {
  QFile file(kSchemaPath);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QJsonObject committed = QJsonDocument::fromJson(file.readAll()).object();
  QCOMPARE(committed["$schema"].toString(),
           QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
  const QJsonArray sweepable =
      findInSchema(committed, "sweep")["propertyNames"].toObject()["enum"].toArray();
  for (const KeyInfo& info : experimentKeys()) {
    const QString key = QString::fromStdString(info.key);
    if (!info.shorthand) {
      const QJsonObject schema = findInSchema(committed, key);
      QVERIFY2(!schema.isEmpty(), qPrintable(key));
      QCOMPARE(schema["description"].toString(), QString::fromStdString(info.help));
    }
    QCOMPARE(sweepable.contains(key), info.sweepable);
  }
}

void tst_experiment_keys::readmeDocumentsEveryKey() {
  QFile file(SWEEPLAB_SOURCE_DIR "/experiments/README.md");
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QString readme = QString::fromUtf8(file.readAll());
  for (const KeyInfo& info : experimentKeys()) {
    if (info.shorthand) continue;
    const QString row =
        QStringLiteral("| `%1` | `%2` |")
            .arg(QString::fromStdString(info.key),
                 info.default_value.empty() ? QStringLiteral("\"\"")
                                            : QString::fromStdString(info.default_value));
    QVERIFY2(readme.contains(row), qPrintable(row));
  }
}

QTEST_APPLESS_MAIN(tst_experiment_keys)
#include "tst_experiment_keys.moc"
