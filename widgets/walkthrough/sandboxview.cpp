#include "walkthrough/sandboxview.h"

#include "walkthrough/walkthroughview.h"

#include "core/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace attn {

namespace {

QTableWidget *makeEditor(QWidget *parent)
{
    auto *t = new QTableWidget(parent);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->setMinimumHeight(90);
    return t;
}

} // namespace

SandboxView::SandboxView(QWidget *parent) : QWidget(parent)
{
    auto *side = new QWidget(this);
    auto *form = new QVBoxLayout(side);
    form->setContentsMargins(4, 4, 4, 4);
    m_presetLabel = new QLabel(side);
    m_preset = new QComboBox(side);
    form->addWidget(m_presetLabel);
    form->addWidget(m_preset);
    m_sizeLabel = new QLabel(side);
    form->addWidget(m_sizeLabel);
    auto *sizes = new QHBoxLayout;
    for (QSpinBox **s : {&m_tq, &m_tk, &m_dk, &m_dv}) {
        *s = new QSpinBox(side);
        (*s)->setRange(1, kSandboxMaxSize);
        sizes->addWidget(*s);
        connect(*s, &QSpinBox::valueChanged, this, [this] {
            if (!m_filling)
                resizeInput();
        });
    }
    form->addLayout(sizes);
    m_qLabel = new QLabel(side);
    m_q = makeEditor(side);
    m_kLabel = new QLabel(side);
    m_k = makeEditor(side);
    m_vLabel = new QLabel(side);
    m_v = makeEditor(side);
    for (auto [label, table] :
         {std::pair{m_qLabel, m_q}, std::pair{m_kLabel, m_k}, std::pair{m_vLabel, m_v}}) {
        form->addWidget(label);
        form->addWidget(table, 1);
        connect(table, &QTableWidget::cellChanged, this, [this] {
            if (!m_filling)
                readEditors();
        });
    }
    m_causal = new QCheckBox(side);
    m_scaled = new QCheckBox(side);
    form->addWidget(m_causal);
    form->addWidget(m_scaled);
    m_tempLabel = new QLabel(side);
    m_temp = new QSlider(Qt::Horizontal, side);
    m_temp->setRange(-50, 50);
    m_tempValue = new QLabel(side);
    auto *temp = new QHBoxLayout;
    temp->addWidget(m_tempLabel);
    temp->addWidget(m_temp, 1);
    temp->addWidget(m_tempValue);
    form->addLayout(temp);
    m_errorLabel = new QLabel(side);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b"));
    form->addWidget(m_errorLabel);

    m_view = new WalkthroughView(this);
    // Next to the editors: one block, one head, icon-only stepping buttons, so that the
    // sandbox fits a ~900 px tab.
    m_view->setCompact(true);
    m_view->setSelectionControlsVisible(false);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(m_view);
    split->setStretchFactor(1, 3);
    side->setMinimumWidth(360); // eight columns of "-1.5" stay legible
    split->setSizes({420, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_preset, &QComboBox::activated, this,
            [this](int index) { applyPreset(static_cast<SandboxPreset>(index)); });
    connect(m_causal, &QCheckBox::toggled, this, &SandboxView::setCausal);
    connect(m_scaled, &QCheckBox::toggled, this, &SandboxView::setScaled);
    connect(m_temp, &QSlider::valueChanged, this, [this](int pos) {
        if (!m_filling)
            setTemperature(temperatureAt(pos));
    });
    retranslateUi();
    applyPreset(SandboxPreset::IdenticalKeys);
}

QTableWidget *SandboxView::matrixEditor(char which) const
{
    return which == 'Q' ? m_q : which == 'K' ? m_k : which == 'V' ? m_v : nullptr;
}

double SandboxView::temperatureAt(int position)
{
    return std::pow(10.0, position / 50.0);
}

int SandboxView::positionOf(double t)
{
    return std::clamp(static_cast<int>(std::lround(50.0 * std::log10(std::max(t, 1e-6)))), -50, 50);
}

void SandboxView::setInput(const SandboxInput &input)
{
    m_input = input;
    fillEditors();
    recompute();
}

void SandboxView::applyPreset(SandboxPreset preset)
{
    {
        const QSignalBlocker b(m_preset);
        m_preset->setCurrentIndex(static_cast<int>(preset));
    }
    setInput(sandboxPreset(preset));
    // Show the step that makes the preset's point: the softmax (or the scale).
    WalkthroughView *v = m_view;
    const auto &w = v->walkthrough();
    if (w)
        for (size_t s = 0; s < w->steps.size(); ++s)
            if (w->steps[s] == WalkStep::Softmax)
                v->setStep(static_cast<int>(s));
}

void SandboxView::setTemperature(double t)
{
    m_input.temperature = std::clamp(t, 0.1, 10.0);
    fillEditors();
    recompute();
}

void SandboxView::setCausal(bool on)
{
    m_input.causal = on;
    fillEditors();
    recompute();
}

void SandboxView::setScaled(bool on)
{
    m_input.scaled = on;
    fillEditors();
    recompute();
}

void SandboxView::fillEditors()
{
    m_filling = true;
    auto fill = [](QTableWidget *t, const MatRM &m, const QString &rowPrefix) {
        t->setRowCount(static_cast<int>(m.rows()));
        t->setColumnCount(static_cast<int>(m.cols()));
        QStringList rows, cols;
        for (Index r = 0; r < m.rows(); ++r)
            rows << rowPrefix + QString::number(r);
        for (Index c = 0; c < m.cols(); ++c)
            cols << QString::number(c);
        t->setVerticalHeaderLabels(rows);
        t->setHorizontalHeaderLabels(cols);
        for (Index r = 0; r < m.rows(); ++r)
            for (Index c = 0; c < m.cols(); ++c) {
                auto *item = new QTableWidgetItem(QString::number(double(m(r, c)), 'g', 6));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                t->setItem(static_cast<int>(r), static_cast<int>(c), item);
            }
    };
    fill(m_q, m_input.q, QStringLiteral("q"));
    fill(m_k, m_input.k, QStringLiteral("k"));
    fill(m_v, m_input.v, QStringLiteral("v"));
    m_tq->setValue(static_cast<int>(m_input.q.rows()));
    m_tk->setValue(static_cast<int>(m_input.k.rows()));
    m_dk->setValue(static_cast<int>(m_input.q.cols()));
    m_dv->setValue(static_cast<int>(m_input.v.cols()));
    m_causal->setChecked(m_input.causal);
    m_scaled->setChecked(m_input.scaled);
    m_temp->setValue(positionOf(m_input.temperature));
    m_tempValue->setText(QLocale().toString(m_input.temperature, 'f', 2));
    m_filling = false;
}

void SandboxView::readEditors()
{
    m_error.clear();
    auto read = [this](QTableWidget *t, MatRM &m, const QString &name) {
        m.resize(t->rowCount(), t->columnCount());
        for (int r = 0; r < t->rowCount(); ++r)
            for (int c = 0; c < t->columnCount(); ++c) {
                const QTableWidgetItem *it = t->item(r, c);
                bool ok = false;
                const double v = it ? QLocale().toDouble(it->text().trimmed(), &ok) : 0.0;
                double v2 = v;
                if (!ok && it)
                    v2 = it->text().trimmed().toDouble(&ok);
                if (!ok || !std::isfinite(v2)) {
                    if (m_error.isEmpty())
                        m_error = tr("%1 row %2, column %3: “%4” is not a number")
                                      .arg(name)
                                      .arg(r)
                                      .arg(c)
                                      .arg(it ? it->text() : QString());
                    m(r, c) = 0.0f;
                } else {
                    m(r, c) = static_cast<float>(v2);
                }
            }
    };
    read(m_q, m_input.q, QStringLiteral("Q"));
    read(m_k, m_input.k, QStringLiteral("K"));
    read(m_v, m_input.v, QStringLiteral("V"));
    if (!m_error.isEmpty()) {
        m_errorLabel->setText(m_error);
        return;
    }
    recompute();
}

void SandboxView::resizeInput()
{
    auto resized = [](const MatRM &m, int rows, int cols) {
        MatRM out = MatRM::Zero(rows, cols);
        const Index r = std::min<Index>(rows, m.rows()), c = std::min<Index>(cols, m.cols());
        out.topLeftCorner(r, c) = m.topLeftCorner(r, c);
        return out;
    };
    m_input.q = resized(m_input.q, m_tq->value(), m_dk->value());
    m_input.k = resized(m_input.k, m_tk->value(), m_dk->value());
    m_input.v = resized(m_input.v, m_tk->value(), m_dv->value());
    fillEditors();
    recompute();
}

void SandboxView::recompute()
{
    m_error.clear();
    try {
        m_trace = std::make_shared<const AttentionTrace>(buildSandboxTrace(m_input));
        m_view->setTrace(m_trace);
    } catch (const Error &e) {
        m_error = QString::fromStdString(e.what());
    }
    m_errorLabel->setText(m_error);
    m_errorLabel->setVisible(!m_error.isEmpty());
    emit traceChanged();
}

void SandboxView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SandboxView::retranslateUi()
{
    m_presetLabel->setText(tr("Preset"));
    const QStringList presets{tr("Identical keys → uniform weights"),
                              tr("One-hot keys → hard attention"),
                              tr("Large values, scaled by √d_k"),
                              tr("Large values, not scaled → saturation"), tr("Causal mask")};
    const int current = std::max(0, m_preset->currentIndex());
    {
        const QSignalBlocker b(m_preset);
        m_preset->clear();
        m_preset->addItems(presets);
        m_preset->setCurrentIndex(current);
    }
    m_sizeLabel->setText(tr("Queries, keys, d_k, d_v"));
    m_tq->setToolTip(tr("Number of queries"));
    m_tk->setToolTip(tr("Number of keys"));
    m_dk->setToolTip(tr("d_k: length of the queries and keys"));
    m_dv->setToolTip(tr("d_v: length of the values"));
    m_qLabel->setText(tr("Q (one row per query)"));
    m_kLabel->setText(tr("K (one row per key)"));
    m_vLabel->setText(tr("V (one row per key)"));
    m_causal->setText(tr("Causal mask"));
    m_scaled->setText(tr("Divide by √d_k"));
    m_tempLabel->setText(tr("Temperature"));
    m_temp->setToolTip(tr("Scores are divided by the temperature: below 1 sharpens the "
                          "softmax, above 1 flattens it"));
}

} // namespace attn
