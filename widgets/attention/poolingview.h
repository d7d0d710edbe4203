#pragma once

#include "theme/colormaps.h"
#include "trace/attentiontrace.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

namespace attn {

// What an attention classifier did with one text: its tokens as chips coloured by the
// pooling weight each received (the "pool" block of the trace, weights (1, T)), the
// weight under each chip, and the predicted label with every class's probability.
// The numbers are the engine's: weights from the trace, probabilities from
// ClassifierModel::predict(); the view only draws them.
class PoolingView : public QWidget {
    Q_OBJECT
public:
    explicit PoolingView(QWidget *parent = nullptr);

    // trace: a classifier's trace (a block with AttentionRole::Pool); labels: class names;
    // probabilities: one per class (may be empty when unknown). A trace without a pool
    // block shows a note instead.
    void setResult(std::shared_ptr<const AttentionTrace> trace, const QStringList &labels,
                   const std::vector<float> &probabilities);
    void clear();

    // What is drawn, for tests and exports.
    int tokenCount() const { return static_cast<int>(m_weights.size()); }
    float weight(int token) const { return m_weights.at(static_cast<std::size_t>(token)); }
    QString token(int token) const { return m_tokens.value(token); }
    int predicted() const; // index of the most probable class, -1 when unknown
    QString predictedLabel() const;
    // The chip under a point (-1 outside every chip).
    int tokenAt(const QPoint &pos) const;

    GradientKind gradient() const { return m_gradient; }
    double fontScale() const { return m_fontScale; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

public slots:
    void setGradient(attn::GradientKind kind);
    void setFontScale(double scale);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout {
        std::vector<QRect> chips; // one per token
        int classesTop = 0;       // y of the probability bars
        int height = 0;
    };
    Layout layoutFor(int width) const;
    QFont chipFont() const;

    std::shared_ptr<const AttentionTrace> m_trace;
    QStringList m_tokens;
    std::vector<float> m_weights;
    QStringList m_labels;
    std::vector<float> m_probabilities;
    GradientKind m_gradient = GradientKind::Viridis;
    double m_fontScale = 1.0;
    Layout m_layout;
};

} // namespace attn
