#pragma once

#include "gui/training/trainingworker.h"

#include <QObject>
#include <QString>

class QThread;
class QTimer;

namespace attn::gui {

class TrainingController;

// Saves the model being trained every few minutes into the app's data folder
// (autosave.safetensors, atomically, in a thread of its own, from a copy of the weights the
// controller hands out between steps), and keeps a flag file while the app runs: a flag
// left behind at the next start means the app did not quit cleanly, and the last autosave
// can be offered back.
class Autosave : public QObject {
    Q_OBJECT
public:
    // dir: where the autosave and the flag live (AppDataLocation in the app, a temporary
    // folder in tests).
    Autosave(TrainingController *training, const QString &dir, QObject *parent = nullptr);
    ~Autosave() override;

    QString autosavePath() const;
    QString flagPath() const;
    // True when the last session left its flag behind and an autosave exists. Read once,
    // before markRunning().
    bool crashedWithAutosave() const;
    // Creates the flag (call at start, after crashedWithAutosave()).
    void markRunning();
    // Removes the flag and the autosave (a clean quit: nothing to restore).
    void markCleanExit();
    // Every `minutes` (0: never) while a model has unsaved progress.
    void setInterval(double minutes);
    bool isSaving() const { return m_saving; }

public slots:
    // Saves now (a copy of the current model) unless nothing changed since the last save.
    void saveNow();

signals:
    void saved(const QString &path, const QString &error, int step);

private:
    void onSnapshot(const InferenceSnapshot &snapshot);

    TrainingController *m_training;
    QString m_dir;
    QTimer *m_timer = nullptr;
    QThread *m_thread = nullptr; // the save in flight, if any
    bool m_waiting = false;
    bool m_saving = false;
    int m_savedStep = -1;
    int m_savedGeneration = -1;
};

} // namespace attn::gui
