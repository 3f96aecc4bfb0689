// The experiment form: ready files survive load -> form -> save unchanged, edits reach the
// spec through the file format's own rules, bad input is marked and blocks Run, and swept keys
// show their swept values instead of an editor.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "experiment_form.h"
#include "form/key_field.h"
#include "form/model_details.h"
#include "form/sweep_editor.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/model_catalog.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_experiment_form : public QObject {
  Q_OBJECT

 private:
  // Types text into a line edit the way a person does (textEdited fires).
  static void typeInto(KeyField* field, const QString& text) {
    auto* line = qobject_cast<QLineEdit*>(field->editor());
    QVERIFY2(line, qPrintable(field->key() + " has no line edit"));
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Delete);
    QTest::keyClicks(line, text);
  }

 private Q_SLOTS:
  void experimentsFolderHasFiles() { QVERIFY(test::experimentFiles().size() >= 5); }

  void roundTripsReadyFiles_data() {
    QTest::addColumn<QString>("path");
    for (const QString& path : test::experimentFiles())
      QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
  }

  void roundTripsReadyFiles() {
    QFETCH(QString, path);
    const ExperimentSpec loaded = loadExperimentFile(path.toStdString());
    ExperimentForm form;
    form.setSpec(loaded);
    QVERIFY2(form.isValid(), qPrintable(form.firstProblem()));
    QVERIFY(form.spec() == loaded);

    QTemporaryDir dir;
    const std::string saved = dir.filePath("saved.yaml").toStdString();
    saveExperimentFile(form.spec(), saved);
    ExperimentSpec reloaded = loadExperimentFile(saved);
    reloaded.source_file = loaded.source_file;
    QVERIFY(reloaded == loaded);
  }

  void showsEveryKeyOfTheTableWithTooltip() {
    ExperimentForm form;
    for (const KeyInfo& info : experimentKeys()) {
      // The cluster section is the Slurm dialog's, not the form's.
      if (info.shorthand || info.key.rfind("cluster.", 0) == 0) continue;
      KeyField* field = form.field(QString::fromStdString(info.key));
      QVERIFY2(field, info.key.c_str());
      QVERIFY2(!field->editor()->toolTip().isEmpty(), info.key.c_str());
    }
  }

  void editsReachTheSpec() {
    ExperimentForm form;
    form.setSpec(test::tinyExperiment());
    typeInto(form.field("training.learning_rate"), "1e-3");
    QCOMPARE(form.spec().training.learning_rate, 1e-3);
    typeInto(form.field("training.learning_rate"), "0.02");
    QCOMPARE(form.spec().training.learning_rate, 0.02);

    auto* epochs = qobject_cast<QSpinBox*>(form.field("training.max_epochs")->editor());
    QVERIFY(epochs);
    epochs->setValue(7);
    QCOMPARE(form.spec().training.max_epochs, 7);

    auto* optimizer = qobject_cast<QComboBox*>(form.field("training.optimizer")->editor());
    QVERIFY(optimizer);
    optimizer->setCurrentText("sgd");
    Q_EMIT optimizer->activated(optimizer->currentIndex());
    QCOMPARE(form.spec().training.optimizer, Optimizer::Sgd);
    QVERIFY(form.field("training.momentum")->editor()->isEnabled());

    typeInto(form.field("description"), "lr: 1e-3, \"quoted\"");
    QCOMPARE(form.spec().description, std::string("lr: 1e-3, \"quoted\""));
    QVERIFY(form.isValid());
  }

  void keepsKeysTheFormDoesNotTouch() {
    ExperimentSpec spec = test::tinyExperiment();
    spec.training.scheduler.t_max = 7;
    spec.dataset.feature_columns = {"a", "b"};
    spec.description = "kept";
    ExperimentForm form;
    form.setSpec(spec);
    typeInto(form.field("training.learning_rate"), "1e-2");
    ExperimentSpec expected = spec;
    expected.training.learning_rate = 1e-2;
    QVERIFY(form.spec() == expected);
  }

  void sweepEditorEditsAxes() {
    ExperimentForm form;
    form.setSpec(test::tinyExperiment());
    QCOMPARE(form.trialCount(), 2);
    QLineEdit* values = form.sweepEditor()->valuesEditor(0);
    QVERIFY(values);
    values->clear();
    QTest::keyClicks(values, "32, 64, 128, 256, 512");
    QCOMPARE(form.spec().sweep.size(), size_t(1));
    QCOMPARE(form.spec().sweep[0].values,
             (std::vector<std::string>{"32", "64", "128", "256", "512"}));
    QCOMPARE(form.trialCount(), 5);
  }

  // A swept key's field shows the swept values instead of an editable single value, so there
  // is no question which one trains; the editor comes back when the key is no longer swept.
  void sweptKeysShowTheirValuesInPlaceOfTheEditor() {
    ExperimentForm form;
    ExperimentSpec spec = test::tinyExperiment();
    spec.sweep = {{"training.batch_size", {"32", "64", "128"}},
                  {"training.learning_rate", {"1e-3", "1e-2"}}};
    form.setSpec(spec);
    form.resize(1000, 500);
    form.show();
    KeyField* batch = form.field("training.batch_size");
    KeyField* rate = form.field("training.learning_rate");
    KeyField* epochs = form.field("training.max_epochs");
    QVERIFY(batch->isSwept());
    QCOMPARE(batch->sweptText(), QString("swept: 32, 64, 128"));
    QCOMPARE(rate->sweptText(), QString("swept: 1e-3, 1e-2"));
    for (KeyField* swept : {batch, rate}) {
      QVERIFY(!swept->editor()->isEnabled());
      QVERIFY(!swept->editor()->isVisibleTo(swept->cell()));
      auto* note = swept->cell()->findChild<QLabel*>(swept->key() + ".swept");
      QVERIFY(note && note->isVisibleTo(swept->cell()));
      QCOMPARE(note->text(), swept->sweptText());
    }
    QVERIFY(!epochs->isSwept());
    QVERIFY(epochs->editor()->isEnabled());
    QVERIFY(epochs->sweptText().isEmpty());
    auto* tabs = form.findChild<QTabWidget*>();
    for (int page = 0; page < tabs->count(); ++page)
      if (tabs->tabText(page) == "Training") tabs->setCurrentIndex(page);
    test::saveScreenshot(&form, "swept_keys_in_form");

    // Values typed in the sweep show at once.
    QLineEdit* values = form.sweepEditor()->valuesEditor(0);
    values->clear();
    QTest::keyClicks(values, "16, 256");
    QCOMPARE(batch->sweptText(), QString("swept: 16, 256"));

    // Removing the batch size from the sweep gives its field back, with the spec's value.
    QToolButton* remove = nullptr;
    for (QToolButton* button :
         form.sweepEditor()->keyEditor(0)->parentWidget()->findChildren<QToolButton*>())
      if (button->text() == QStringLiteral("✕")) remove = button;
    QVERIFY(remove);
    remove->click();
    QVERIFY(!batch->isSwept());
    QVERIFY(batch->editor()->isEnabled());
    QVERIFY(batch->editor()->isVisibleTo(batch->cell()));
    QCOMPARE(qobject_cast<QSpinBox*>(batch->editor())->value(), spec.training.batch_size);
    QVERIFY(rate->isSwept());
  }

  void invalidInputBlocksRun_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::newRow("learning rate not a number") << "training.learning_rate"
                                                << "fast";
    QTest::newRow("negative learning rate") << "training.learning_rate"
                                            << "-1e-3";
    QTest::newRow("validation fraction of 1.5") << "dataset.val_fraction"
                                                << "1.5";
    QTest::newRow("empty name") << "name"
                                << "";
    QTest::newRow("swept batch size not a number") << "sweep"
                                                   << "64, big";
    QTest::newRow("swept batch size zero") << "sweep"
                                           << "0, 64";
  }

  void invalidInputBlocksRun() {
    QFETCH(QString, key);
    QFETCH(QString, text);
    ExperimentForm form;
    form.setSpec(test::tinyExperiment());
    QVERIFY(form.isValid());
    if (key == "sweep") {
      QLineEdit* values = form.sweepEditor()->valuesEditor(0);
      values->clear();
      QTest::keyClicks(values, text);
    } else {
      typeInto(form.field(key), text);
    }
    QVERIFY(!form.isValid());
    QVERIFY2(!form.problemFor(key).isEmpty(), qPrintable(form.firstProblem()));
    QVERIFY(!form.firstProblem().isEmpty());
    QWidget* marked = key == "sweep" ? static_cast<QWidget*>(form.sweepEditor()->valuesEditor(0))
                                     : form.field(key)->editor();
    QVERIFY(marked->styleSheet().contains("border"));
    QVERIFY(marked->toolTip().contains(form.problemFor(key).left(20).toHtmlEscaped()) ||
            marked->toolTip().contains(form.problemFor(key).left(20)));

    // Loading a good spec again clears every mark.
    form.setSpec(test::tinyExperiment());
    QVERIFY(form.isValid());
    QVERIFY(form.problemFor(key).isEmpty());
  }

  void modelDetailsFollowTheModel() {
    ExperimentForm form;
    form.setSpec(test::tinyExperiment());
    auto* model = qobject_cast<QComboBox*>(form.field("model.name")->editor());
    QVERIFY(model);
    model->setCurrentText("jsc-tiny-x10");
    Q_EMIT model->activated(model->currentIndex());
    ModelSpec x10;
    x10.name = "jsc-tiny-x10";
    const QString count = QLocale().toString(describeModel(x10).trainable_parameters);
    QVERIFY2(form.modelDetails()->summaryText().contains(count),
             qPrintable(form.modelDetails()->summaryText()));
    QVERIFY(!form.field("model.hidden")->editor()->isEnabled());
  }
};

QTEST_MAIN(tst_experiment_form)
#include "tst_experiment_form.moc"
