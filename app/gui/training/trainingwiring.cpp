#include "gui/training/trainingwiring.h"

#include "gui/errorbox.h"
#include "gui/panels/datapanel.h"
#include "gui/panels/inferencepanel.h"
#include "gui/panels/modelpanel.h"
#include "gui/panels/trainingpanel.h"
#include "gui/training/trainingcontroller.h"

#include <QFileInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

#include <utility>

namespace attn::gui {

TrainingWiring::TrainingWiring(TrainingController *training, DataPanel *data, ModelPanel *model,
                               TrainingPanel *trainingPanel, InferencePanel *inference,
                               QLineEdit *probeEdit, QMainWindow *window, QObject *parent)
    : QObject(parent), m_training(training), m_dataPanel(data), m_modelPanel(model),
      m_trainingPanel(trainingPanel), m_inference(inference), m_probeEdit(probeEdit),
      m_window(window)
{
    connectProbe();
    connectDocks();
    connectReports();
}

void TrainingWiring::connectProbe()
{
    connect(m_training, &TrainingController::probeFailed, this, [this](const QString &message) {
        m_window->statusBar()->showMessage(message, 10000);
        m_probeEdit->setToolTip(message);
    });
    connect(m_probeEdit, &QLineEdit::returnPressed, this, [this] {
        m_probeEdit->setToolTip(QString());
        m_training->setProbeText(m_probeEdit->text());
    });
    // Emptied (the clear button, or every character deleted): the views follow the data's
    // validation example again.
    connect(m_probeEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) {
            m_probeEdit->setToolTip(QString());
            m_training->setProbeText(QString());
        }
    });
}

void TrainingWiring::connectDocks()
{
    connect(m_dataPanel, &DataPanel::specChanged, this, &TrainingWiring::rebuildModel);
    connect(m_modelPanel, &ModelPanel::kindChanged, this, [this] {
        syncDataFormat();
        emit modelKindChanged();
    });
    syncDataFormat();
    connect(m_modelPanel, &ModelPanel::applyRequested, this, &TrainingWiring::rebuildModel);
    connect(m_trainingPanel, &TrainingPanel::resetRequested, this, &TrainingWiring::rebuildModel);
    connect(m_modelPanel, &ModelPanel::learningRateChanged, m_training,
            &TrainingController::setLearningRate);
    connect(m_training, &TrainingController::stateChanged, this,
            [this](TrainingController::State s) {
                const bool active = s == TrainingController::State::Running ||
                                    s == TrainingController::State::Paused ||
                                    s == TrainingController::State::Stopping;
                m_modelPanel->setTrainingActive(active);
                m_dataPanel->setEnabled(!active);
            });
    // Train after a change in the Model dock trains the model the dock shows: it is built
    // first (asking before a trained model is discarded), then started.
    m_trainingPanel->setStartCheck([this] {
        if (m_modelPanel->modelSpec() == m_liveSpec)
            return true;
        m_startWhenReady = rebuildModel();
        if (m_startWhenReady)
            m_window->statusBar()->showMessage(
                tr("Building the model the Model dock shows, then training it"), 5000);
        return false;
    });
}

void TrainingWiring::connectReports()
{
    QStatusBar *status = m_window->statusBar();
    connect(m_training, &TrainingController::modelReady, this,
            [this, status](int parameters, const QStringList &) {
                // The Follow text stays what the views follow, for the new model too.
                if (!m_probeEdit->text().trimmed().isEmpty())
                    m_training->setProbeText(m_probeEdit->text());
                m_modelPanel->setParameterCount(parameters);
                m_liveSpec = m_buildingSpec;
                m_inference->modelChanged(QString::fromStdString(m_liveSpec.kind));
                status->showMessage(tr("New model: %n parameter(s)", "", parameters), 5000);
                if (std::exchange(m_startWhenReady, false))
                    m_training->start();
            });
    connect(m_training, &TrainingController::planExtended, this, [status](int more, int total) {
        status->showMessage(tr("The planned steps are done: training %1 more, to step %2")
                                .arg(QLocale().toString(more), QLocale().toString(total)),
                            8000);
    });
    connect(m_training, &TrainingController::modelLoaded, this,
            [this, status](const QString &path, const attn::ModelSpec &spec,
                           const QStringList &warnings) {
                m_modelPanel->setModelSpec(spec);
                m_liveSpec = m_modelPanel->modelSpec();
                m_inference->modelChanged(QString::fromStdString(m_liveSpec.kind));
                syncDataFormat();
                status->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 5000);
                if (!warnings.isEmpty())
                    showErrorBox(m_window, tr("Model Opened with Warnings"),
                                 warnings.join(QLatin1Char('\n')));
            });
    // The Data dock shows what an opened model reads (without building a new model).
    connect(m_training, &TrainingController::dataAttached, this,
            [this](const QString &task, const QString &path, const TokenizerSnapshot &tokenizer) {
                clearFollowForOtherData(task, path);
                m_modelTask = task;
                m_modelText = path;
                m_modelTokenizer.reset();
                const QSignalBlocker block(m_dataPanel);
                if (!task.isEmpty())
                    m_dataPanel->selectTask(task);
                else if (!path.isEmpty())
                    m_dataPanel->loadFile(path);
                // Counted and shown in the model's own tokens: the dock's kind, or the
                // model's tokenizer itself where the dock has no such kind (GPT-2's).
                if (!m_dataPanel->setTokenizer(QString::fromStdString(tokenizer->kind()))) {
                    m_modelTokenizer = tokenizer;
                    m_dataPanel->setModelTokenizer(tokenizer);
                }
            });
    connect(m_training, &TrainingController::setupFailed, this, [this](const QString &message) {
        m_startWhenReady = false;
        showErrorBox(m_window, tr("Cannot Build the Model"), message);
    });
    connect(
        m_training, &TrainingController::finished, this,
        [this, status](bool diverged, const QString &message) {
            if (diverged)
                showErrorBox(m_window, tr("Training Stopped"), message);
            else
                status->showMessage(
                    tr("Training stopped at step %1").arg(QLocale().toString(m_training->step())),
                    5000);
        });
}

void TrainingWiring::syncDataFormat()
{
    m_dataPanel->setFormat(attn::dataFormatFor(m_modelPanel->modelSpec().kind));
}

void TrainingWiring::switchKind(const QString &kind)
{
    if (m_modelPanel->kind() == kind)
        return;
    {
        const QSignalBlocker block(m_modelPanel);
        m_modelPanel->setKind(kind);
    }
    syncDataFormat();
    emit modelKindChanged();
}

bool TrainingWiring::confirmDiscard(const QString &question)
{
    if (m_discardAgreed || !m_training->hasUnsavedProgress())
        return true;
    const QString text = tr("The current model has been trained for %n step(s) and is not saved.",
                            "", m_training->step()) +
                         QLatin1Char(' ') +
                         (question.isEmpty() ? tr("Build a new model anyway?") : question);
    const auto answer =
        QMessageBox::question(m_window, tr("Discard the Trained Model?"), text,
                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

std::shared_ptr<TrainingSetup> TrainingWiring::makeSetup() const
{
    auto setup = std::make_shared<TrainingSetup>();
    setup->data = m_dataPanel->spec();
    setup->model = m_modelPanel->modelSpec();
    setup->trainer = m_modelPanel->trainerConfig();
    setup->batchSize = m_modelPanel->batchSize();
    setup->modelSeed = m_modelPanel->seed();
    return setup;
}

bool TrainingWiring::rebuildModel()
{
    if (m_training->state() == TrainingController::State::Running ||
        m_training->state() == TrainingController::State::Paused)
        return false;
    if (!confirmDiscard()) {
        // The Data dock may already show other data (a task or file picked there):
        // back to what the kept model reads, so that dock and model agree.
        const QSignalBlocker block(m_dataPanel);
        if (!m_modelTask.isEmpty())
            m_dataPanel->selectTask(m_modelTask);
        else if (!m_modelText.isEmpty())
            m_dataPanel->loadFile(m_modelText);
        if (m_modelTokenizer)
            m_dataPanel->setModelTokenizer(m_modelTokenizer);
        return false;
    }
    // A new model reads the data with the dock's own tokenizer.
    m_modelTokenizer.reset();
    if (m_dataPanel->hasModelTokenizer())
        m_dataPanel->setModelTokenizer(nullptr);
    auto setup = makeSetup();
    const QString task = QString::fromStdString(setup->data.task);
    const QString text = task.isEmpty() ? QString::fromStdString(setup->data.path) : QString();
    clearFollowForOtherData(task, text);
    m_modelTask = task;
    m_modelText = text;
    m_buildingSpec = setup->model;
    m_training->setUp(setup);
    return true;
}

void TrainingWiring::clearFollowForOtherData(const QString &task, const QString &text)
{
    // A Follow text was typed for the data the model read (a date for the dates task, a
    // review for the sentiment table); other data would read it as unknown tokens.
    // Cleared without the re-follow its emptying asks for: the old model would trace the old
    // data's example once more, after the new data's views were asked for. The model about
    // to be set up (or attached) follows its own data's example.
    if ((task != m_modelTask || text != m_modelText) && !m_probeEdit->text().isEmpty()) {
        const QSignalBlocker block(m_probeEdit);
        m_probeEdit->clear();
        m_probeEdit->setToolTip(QString());
    }
}

} // namespace attn::gui
