#pragma once

#include "loss/losspoint.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVector>

namespace attn {

// A run's logged steps (what LossPlotView shows) as data files, and back.
//   CSV:  header "step,loss,val_loss,lr,grad_norm,accuracy", one row per step; a field
//         that was not measured at that step is empty.
//   JSON: {"step": [...], "loss": [...], "val_loss": [...], "lr": [...],
//          "grad_norm": [...], "accuracy": [...]}, columns of equal length, null where
//         not measured. The same object a model file's training summary may carry as
//         "history".
class LossHistory {
    Q_DECLARE_TR_FUNCTIONS(attn::LossHistory)
public:
    static QByteArray toCsv(const QVector<LossPoint> &points);
    static QByteArray toJson(const QVector<LossPoint> &points);
    // Reads the JSON object above (columns may be missing except "step" and "loss").
    // Returns false with a message in *error for anything else.
    static bool fromJson(const QByteArray &json, QVector<LossPoint> *points,
                         QString *error = nullptr);
    // Written atomically (QSaveFile); false with a message naming the file on failure.
    static bool saveCsv(const QVector<LossPoint> &points, const QString &path,
                        QString *error = nullptr);
    static bool saveJson(const QVector<LossPoint> &points, const QString &path,
                         QString *error = nullptr);
};

} // namespace attn
