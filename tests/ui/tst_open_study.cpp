// Opening a study from the Experiments list: one click opens it (the list never marks a study
// the form does not show), and unsaved edits are asked about first: Save writes them, Discard
// drops them, Cancel keeps the edited study in the form and its mark in the list.
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "experiment_browser.h"
#include "experiment_form.h"
#include "form/key_field.h"
#include "main_window.h"
#include "sweeplab/experiment_io.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

class tst_open_study : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString batch_, rate_;
  QStringList questions_;
  QMessageBox::StandardButton answer_ = QMessageBox::Cancel;

  std::unique_ptr<MainWindow> window() {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(true);
    w->setQuestionHook([this](const QString&, const QString& text) {
      questions_ << text;
      return answer_;
    });
    w->resize(1200, 800);
    w->show();
    return w;
  }

  static void click(MainWindow& w, const QString& path) {
    QTreeWidget* tree = w.browser()->tree();
    QTreeWidgetItem* item = w.browser()->itemFor(path);
    QVERIFY2(item, qPrintable(path));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
  }

  static QString markedInList(MainWindow& w) {
    QTreeWidgetItem* item = w.browser()->tree()->currentItem();
    return item ? item->toolTip(0) : QString();
  }

  static void rename(MainWindow& w, const QString& name) {
    auto* edit = qobject_cast<QLineEdit*>(w.form()->field("name")->editor());
    edit->selectAll();
    QTest::keyClicks(edit, name);
    QVERIFY(w.isWindowModified());
  }

  static std::string nameOnDisk(const QString& path) {
    return loadExperimentFile(path.toStdString()).name;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
    for (const char* name : {"batch_size.yaml", "learning_rate.yaml"})
      QVERIFY(QFile::copy(QDir(test::experimentsDir()).filePath(name), dir_.filePath(name)));
    batch_ = dir_.filePath("batch_size.yaml");
    rate_ = dir_.filePath("learning_rate.yaml");
    qputenv("SWEEPLAB_EXPERIMENTS_DIR", dir_.path().toLocal8Bit());
  }

  void init() { questions_.clear(); }

  void oneClickOpens() {
    auto w = window();
    click(*w, batch_);
    QCOMPARE(w->currentFile(), batch_);
    QCOMPARE(w->form()->spec().name, nameOnDisk(batch_));
    QCOMPARE(markedInList(*w), batch_);
    click(*w, rate_);
    QCOMPARE(w->currentFile(), rate_);
    QCOMPARE(w->form()->spec().name, nameOnDisk(rate_));
    QCOMPARE(markedInList(*w), rate_);
    QVERIFY(questions_.isEmpty());  // nothing was edited
  }

  void unsavedEditsAreAskedAbout() {
    auto w = window();
    click(*w, batch_);
    const std::string batchName = nameOnDisk(batch_);
    rename(*w, "edited batch study");

    answer_ = QMessageBox::Cancel;
    click(*w, rate_);
    QCOMPARE(questions_.size(), 1);
    QVERIFY2(questions_.last().contains("edited batch study"), qPrintable(questions_.last()));
    QCOMPARE(w->currentFile(), batch_);
    QCOMPARE(w->form()->spec().name, std::string("edited batch study"));
    QVERIFY(w->isWindowModified());
    QCOMPARE(markedInList(*w), batch_);  // the list marks the study the form shows
    test::saveScreenshot(w.get(), "open_study_cancelled");

    answer_ = QMessageBox::Discard;
    click(*w, rate_);
    QCOMPARE(questions_.size(), 2);
    QCOMPARE(w->currentFile(), rate_);
    QVERIFY(!w->isWindowModified());
    QCOMPARE(nameOnDisk(batch_), batchName);  // discarded, not written

    // Save on a ready study saves a new file (tst_save_study has the details).
    const std::string rateName = nameOnDisk(rate_);
    const QString kept = dir_.filePath("mine/kept.yaml");
    QVERIFY(QDir().mkpath(dir_.filePath("mine")));
    w->setSaveAsHook([kept](const QString&) { return kept; });
    rename(*w, "kept rate study");
    answer_ = QMessageBox::Save;
    click(*w, batch_);
    QCOMPARE(questions_.size(), 3);
    QCOMPARE(nameOnDisk(kept), std::string("kept rate study"));
    QCOMPARE(nameOnDisk(rate_), rateName);
    QCOMPARE(w->currentFile(), batch_);
    QCOMPARE(markedInList(*w), batch_);
    w->setConfirmations(false);
  }
};

QTEST_MAIN(tst_open_study)
#include "tst_open_study.moc"
