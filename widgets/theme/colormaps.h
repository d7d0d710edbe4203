#pragma once

#include <QColor>
#include <QString>
#include <QVector>

#include <array>

class QCPColorGradient;

namespace attn {

// Colour maps for attention weights. The default, viridis, is perceptually uniform
// and readable with the common colour-vision deficiencies; cividis is optimised for them.
enum class GradientKind { Viridis, Cividis, Magma, Blues };

class ColorMaps {
public:
    static QVector<GradientKind> all();
    static QString name(GradientKind kind); // translated, for menus
    static QCPColorGradient gradient(GradientKind kind);
    // 256-entry lookup table of the same map for fast QImage drawing.
    static std::array<QRgb, 256> table(GradientKind kind);
    // Black or white, whichever reads better on `background`.
    static QColor contrastingText(const QColor &background);
    // A qualitative palette safe for colour-blind readers (Paul Tol's "bright"), one per head.
    static QColor headColor(int head);
    // Colour of masked cells (score set to -inf): a neutral grey distinct from every map's low end.
    static QColor maskColor(const QColor &background);
};

} // namespace attn
