#pragma once

#include "train/trainer.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <vector>

namespace attn {

// A run's logged steps, kept to a bounded number of points, as the JSON object a model
// file's training summary carries ("history") and the window's File > Export > Loss
// History writes:
//   {"step": [...], "loss": [...], "val_loss": [...], "lr": [...], "grad_norm": [...],
//    "accuracy": [...]}
// columns of equal length, null where a value was not measured at that step. accuracy is
// the validation accuracy where the step was evaluated, else the batch's.
//
// Every step is kept until maxPoints are held; then every other step is dropped and only
// steps at a multiple of the doubled stride are added, so a long run keeps an even sample.
// Evaluated steps are kept as long as they alone fit; the last step is always kept.
class TrainingHistory {
public:
    explicit TrainingHistory(std::size_t maxPoints = 4096);

    void add(const TrainReport &report);
    // Starts from a run recorded before (toJson()'s object, as a model file keeps it), so
    // that a model trained on keeps its whole curve. Steps that do not fit that layout are
    // skipped; anything but an object leaves the history empty.
    void restore(const nlohmann::json &json);
    void clear();
    std::size_t size() const { return m_points.size() + (m_lastKept ? 0 : 1); }
    bool empty() const { return m_points.empty() && !m_haveLast; }
    nlohmann::json toJson() const;

private:
    struct Point {
        long long step = 0;
        double loss = 0, valLoss = 0, lr = 0, gradNorm = 0, accuracy = 0;
        bool evaluated() const;
    };
    void thin();

    std::vector<Point> m_points;
    std::size_t m_max;
    long long m_stride = 1;
    Point m_last{};
    bool m_haveLast = false;
    bool m_lastKept = true;
};

} // namespace attn
