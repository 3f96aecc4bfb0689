// Layout, window state and the run life cycle. Menus and file commands are in
// main_window_actions.cpp.
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include "app_icon.h"
#include "charts/curve_panel.h"
#include "curve_controls.h"
#include "engine_bridge.h"
#include "experiment_browser.h"
#include "experiment_form.h"
#include "form/cost_preview.h"
#include "history/history_panel.h"
#include "recent_files.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/runtime_info.h"
#include "trial_table_model.h"
#include "trial_table_view.h"

namespace sweeplab::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowIcon(appIcon());
  browser_ = new ExperimentBrowser;
  history_ = new HistoryPanel;
  form_ = new ExperimentForm;
  curves_ = new CurvePanel;
  table_model_ = new TrialTableModel(this);
  table_view_ = new TrialTableView(table_model_);
  status_ = new RunStatusBar(this);
  bridge_ = new EngineBridge(this);
  presenter_ = new SweepPresenter(bridge_, curves_, table_model_, status_, this);
  setStatusBar(status_);

  centre_split_ = new QSplitter(Qt::Vertical);
  centre_split_->addWidget(form_);
  auto* curve_area = new QWidget;
  auto* curve_layout = new QVBoxLayout(curve_area);
  curve_layout->setContentsMargins(0, 0, 0, 0);
  curve_layout->setSpacing(0);
  curve_layout->addWidget(new CurveControls(curves_));
  curve_layout->addWidget(curves_, 1);
  centre_split_->addWidget(createCentreTabs(curve_area));
  centre_split_->setStretchFactor(0, 0);
  centre_split_->setStretchFactor(1, 1);
  side_split_ = new QSplitter(Qt::Horizontal);
  side_tabs_ = new QTabWidget;
  side_tabs_->addTab(browser_, tr("Experiments"));
  side_tabs_->addTab(history_, tr("History"));
  side_split_->addWidget(side_tabs_);
  side_split_->addWidget(centre_split_);
  side_split_->setStretchFactor(1, 1);
  outer_split_ = new QSplitter(Qt::Vertical);
  outer_split_->addWidget(side_split_);
  auto* table_area = new QWidget;
  auto* table_layout = new QVBoxLayout(table_area);
  table_layout->setContentsMargins(0, 0, 0, 0);
  table_layout->setSpacing(2);
  auto* repeats = new QLabel;
  repeats->setObjectName(QStringLiteral("repeatSummary"));
  repeats->setWordWrap(true);
  repeats->setTextInteractionFlags(Qt::TextSelectableByMouse);
  repeats->setContentsMargins(6, 2, 6, 2);
  repeats->hide();
  table_layout->addWidget(repeats);
  table_layout->addWidget(table_view_, 1);
  connect(presenter_, &SweepPresenter::repeatSummaryChanged, repeats,
          [repeats](const QString& text, const QString& details) {
            repeats->setText(text);
            repeats->setToolTip(details);
            repeats->setVisible(!text.isEmpty());
          });
  outer_split_->addWidget(table_area);
  outer_split_->setStretchFactor(0, 1);
  for (QSplitter* split : {centre_split_, side_split_, outer_split_})
    split->setChildrenCollapsible(false);
  setCentralWidget(outer_split_);

  createActions();
  createMenus();

  connect(browser_, &ExperimentBrowser::openRequested, this, &MainWindow::openFromBrowser);
  connect(form_, &ExperimentForm::edited, this, [this] { setWindowModified(true); });
  connect(form_, &ExperimentForm::validityChanged, this, &MainWindow::updateActions);
  connect(form_, &ExperimentForm::validityChanged, this, &MainWindow::fitFormHeight);
  // Nothing is timed for the cost preview while a sweep trains (either would slow the other).
  connect(bridge_, &EngineBridge::sweepStarted, form_,
          [this] { form_->costPreview()->setPaused(true); });
  connect(bridge_, &EngineBridge::sweepFinished, form_,
          [this] { form_->costPreview()->setPaused(false); });
  connect(table_view_, &TrialTableView::selectedTrialsChanged, curves_,
          &CurvePanel::highlightTrials);
  connect(table_view_, &TrialTableView::stopTrialRequested, bridge_, &EngineBridge::stopTrial);
  connect(table_view_, &TrialTableView::confusionMatrixRequested, this,
          [this](int trial) { showConfusionMatrix(trial); });
  connect(bridge_, &EngineBridge::sweepStarted, this, &MainWindow::updateActions);
  connect(bridge_, &EngineBridge::sweepFinished, this, &MainWindow::updateActions);
  // The recorder has written the whole run by the time the sweep's end arrives.
  connect(bridge_, &EngineBridge::sweepFinished, history_, &HistoryPanel::refresh);
  connect(bridge_, &EngineBridge::error, history_, &HistoryPanel::refresh);
  connect(side_tabs_, &QTabWidget::currentChanged, this, [this] {
    if (side_tabs_->currentWidget() == history_)
      fitHistoryWidth();
    else
      restoreExperimentsWidth();
  });
  connect(history_, &HistoryPanel::openRequested, this, &MainWindow::reopenFromHistory);
  connect(history_, &HistoryPanel::resumeRequested, this, [this](long long id) {
    if (reopenFromHistory(id)) resumeRun();
  });
  connect(history_, &HistoryPanel::overlayRequested, this, &MainWindow::overlayFromHistory);
  connect(bridge_, &EngineBridge::error, this, [this](const QString& message) {
    updateActions();
    if (ask_) QMessageBox::warning(this, tr("The sweep could not run"), message);
  });

  try {
    status_->setDevice(QString::fromStdString(describeDevice("auto")));
  } catch (const std::exception& e) {
    status_->setDevice(tr("unknown (%1)").arg(QString::fromUtf8(e.what())));
  }
  runs_dir_ = QSettings().value(QStringLiteral("runsDirectory")).toString();
  applyStorePath();
  setCurrentFile({});
  restoreLayout();
  updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::restoreLayout() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
    fitToScreen();
  const bool restored =
      outer_split_->restoreState(
          settings.value(QStringLiteral("window/outerSplit")).toByteArray()) &&
      side_split_->restoreState(settings.value(QStringLiteral("window/sideSplit")).toByteArray()) &&
      centre_split_->restoreState(
          settings.value(QStringLiteral("window/centreSplit")).toByteArray());
  if (!restored) {
    outer_split_->setSizes({height() * 74 / 100, height() * 26 / 100});
    side_split_->setSizes({260, width() - 260});
    centre_split_->setSizes({225, height()});
  }
  restoreSummaryLayout();
}

void MainWindow::fitToScreen() {
  // On first start the charts are what a person came for: most of the screen, centred. A
  // fixed size left them small on large screens.
  const QScreen* screen = this->screen() ? this->screen() : QApplication::primaryScreen();
  if (!screen) return;
  const QRect available = screen->availableGeometry();
  const QSize size(available.width() * kFirstStartShare / 100,
                   available.height() * kFirstStartShare / 100);
  setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
}

void MainWindow::fitFormHeight() {
  // A sweep row or a problem line added to a full pane would leave only a sliver of it in
  // view, with the problem text squeezed beside scroll bars. The pane grows (never shrinks: its
  // height is the person's choice) up to half the centre, the charts keep the rest.
  const QList<int> sizes = centre_split_->sizes();
  if (sizes.size() != 2) return;
  const int total = sizes[0] + sizes[1];
  const int wanted = std::min(form_->preferredHeight(), total / 2);
  if (total <= 0 || sizes[0] >= wanted) return;
  centre_split_->setSizes({wanted, total - wanted});
}

void MainWindow::saveLayout() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/outerSplit"), outer_split_->saveState());
  settings.setValue(QStringLiteral("window/sideSplit"), side_split_->saveState());
  settings.setValue(QStringLiteral("window/centreSplit"), centre_split_->saveState());
  saveSummaryLayout();
}

bool MainWindow::openFile(const QString& path) {
  try {
    ExperimentSpec spec = loadExperimentFile(QDir::toNativeSeparators(path).toStdString());
    form_->setSpec(spec);
    setCurrentFile(path);
    RecentFiles::add(path);
    browser_->refresh();
    browser_->setCurrentFile(path);
    status_->showMessage(tr("Opened %1").arg(path), 4000);
    return true;
  } catch (const std::exception& e) {
    if (ask_) QMessageBox::warning(this, tr("Cannot open experiment"), QString::fromUtf8(e.what()));
    status_->showMessage(QString::fromUtf8(e.what()));
    return false;
  }
}

QString MainWindow::runsDirectory() const {
  if (!runs_dir_.isEmpty()) return runs_dir_;
  return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
      .absoluteFilePath(QStringLiteral("Sweeplab runs"));
}

void MainWindow::setRunsDirectory(const QString& directory) {
  runs_dir_ = directory;
  QSettings().setValue(QStringLiteral("runsDirectory"), directory);
}

bool MainWindow::startRun() {
  if (bridge_->isRunning()) return false;
  if (!form_->isValid()) {
    status_->showMessage(tr("Cannot run: %1").arg(form_->firstProblem()));
    return false;
  }
  const QString longStudy = longStudyQuestion(form_->costPreview()->estimate());
  if (ask_ && !longStudy.isEmpty() &&
      ask(tr("Start a long study?"), longStudy, QMessageBox::Yes | QMessageBox::No,
          QMessageBox::No) != QMessageBox::Yes) {
    status_->showMessage(tr("Not started"), 4000);
    return false;
  }
  RunOptions options;
  options.out_dir = runsDirectory().toStdString();
  try {
    QDir().mkpath(runsDirectory());
    form_->costPreview()->setPaused(true);
    bridge_->start(form_->spec(), options);
  } catch (const std::exception& e) {
    form_->costPreview()->setPaused(false);
    if (ask_) QMessageBox::warning(this, tr("Cannot run"), QString::fromUtf8(e.what()));
    status_->showMessage(tr("Cannot run: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  updateActions();
  return true;
}

void MainWindow::stopRun() {
  if (!bridge_->isRunning()) return;
  bridge_->requestStop();
  status_->showMessage(tr("Stopping after the current step…"));
  updateActions();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (bridge_->isRunning()) {
    if (ask_ && ask(tr("Stop the sweep?"),
                    tr("A sweep is still training. Stop it and close? "
                       "Trials that finished are kept in the run folder."),
                    QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    bridge_->stopAndWait();
  }
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  saveLayout();
  event->accept();
}

void MainWindow::setCurrentFile(const QString& path) {
  path_ = path;
  setWindowModified(false);
  const QString shown = path.isEmpty() ? tr("untitled.yaml") : QFileInfo(path).fileName();
  setWindowTitle(QStringLiteral("%1[*] — Sweeplab").arg(shown));
  setWindowFilePath(path);
}

}  // namespace sweeplab::ui
