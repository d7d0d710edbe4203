#include "gui/training/autosave.h"

#include "common/errortext.h"

#include "gui/training/trainingcontroller.h"

#include "io/modelfile.h"
#include "train/experiment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <cmath>

namespace attn::gui {

Autosave::Autosave(TrainingController *training, const QString &dir, QObject *parent)
    : QObject(parent), m_training(training), m_dir(dir)
{
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    connect(m_training, &TrainingController::inferenceSnapshot, this, &Autosave::onSnapshot);
}

Autosave::~Autosave()
{
    // A save in flight finishes (it holds copies of what it writes); no thread is left.
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

QString Autosave::autosavePath() const
{
    return QDir(m_dir).filePath(QStringLiteral("autosave.safetensors"));
}

QString Autosave::flagPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("running.flag"));
}

bool Autosave::crashedWithAutosave() const
{
    return QFile::exists(flagPath()) && QFile::exists(autosavePath());
}

void Autosave::markRunning()
{
    QDir().mkpath(m_dir);
    QSaveFile flag(flagPath());
    if (flag.open(QIODevice::WriteOnly)) {
        flag.write(QByteArray::number(QCoreApplication::applicationPid()));
        flag.commit();
    }
}

void Autosave::markCleanExit()
{
    m_timer->stop();
    QFile::remove(flagPath());
    QFile::remove(autosavePath());
}

void Autosave::setInterval(double minutes)
{
    if (minutes <= 0) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(std::lround(minutes * 60'000)));
}

void Autosave::saveNow()
{
    if (m_waiting || m_saving || !m_training->hasUnsavedProgress())
        return;
    if (m_training->step() == m_savedStep)
        return; // nothing new since the last autosave
    m_waiting = true;
    m_training->requestInferenceSnapshot();
    // The request can fall between a step's end and a pause; the next tick asks again.
    QTimer::singleShot(2000, this, [this] { m_waiting = false; });
}

void Autosave::onSnapshot(const InferenceSnapshot &snapshot)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    if (!snapshot.isValid() || !snapshot.setup->experiment)
        return;
    if (snapshot.step == m_savedStep && snapshot.generation == m_savedGeneration)
        return;
    m_saving = true;
    const QString path = autosavePath();
    QDir().mkpath(m_dir);
    QPointer<Autosave> self(this);
    // Writing a large model takes a while: off the GUI thread. The snapshot is a copy.
    QThread *thread = QThread::create([self, snapshot, path] {
        QString error;
        try {
            attn::TrainingSummary summary;
            summary.steps = snapshot.step;
            summary.dataset = snapshot.setup->experiment->name();
            summary.task = "lm";
            attn::saveModelFile(QFile::encodeName(path).toStdString(), *snapshot.model,
                                &snapshot.setup->experiment->tokenizer(), summary);
        } catch (const std::exception &e) {
            error = attn::errorText(e);
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, path, error, step = snapshot.step, generation = snapshot.generation] {
                if (!self)
                    return;
                self->m_saving = false;
                if (error.isEmpty()) {
                    self->m_savedStep = step;
                    self->m_savedGeneration = generation;
                }
                emit self->saved(path, error, step);
            },
            Qt::QueuedConnection);
    });
    if (m_thread) { // the previous save's, finished (m_saving was false)
        m_thread->wait();
        delete m_thread;
    }
    m_thread = thread;
    thread->start();
}

} // namespace attn::gui
