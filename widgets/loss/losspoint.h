#pragma once

#include <QMetaType>

#include <limits>

namespace attn {

// One logged training step, as the trainer's worker hands it to the GUI.
// A field that was not measured at this step is NaN.
struct LossPoint {
    int step = 0;
    double loss = std::numeric_limits<double>::quiet_NaN();     // training loss (batch mean)
    double valLoss = std::numeric_limits<double>::quiet_NaN();  // validation loss, NaN if none
    double lr = std::numeric_limits<double>::quiet_NaN();       // learning rate used at this step
    double gradNorm = std::numeric_limits<double>::quiet_NaN(); // global gradient L2 norm
    double accuracy = std::numeric_limits<double>::quiet_NaN(); // in [0, 1], NaN if none
};

} // namespace attn

Q_DECLARE_METATYPE(attn::LossPoint)
