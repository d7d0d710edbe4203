#include "modelpanel.h"

#include "core/error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

ModelPanel::ModelPanel(QWidget *parent) : QWidget(parent)
{
    auto spin = [this](int min, int max, int value, int step = 1) {
        auto *s = new QSpinBox(this);
        s->setRange(min, max);
        s->setSingleStep(step);
        s->setValue(value);
        connect(s, &QSpinBox::valueChanged, this, &ModelPanel::validate);
        return s;
    };
    m_layers = spin(1, 12, 2);
    m_heads = spin(1, 16, 4);
    m_dModel = spin(8, 1024, 64, 8);
    m_context = spin(4, 1024, 32);
    m_dropout = new QDoubleSpinBox(this);
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setDecimals(2);
    m_norm = new QComboBox(this);
    m_norm->addItems({QString(), QString()});
    m_positions = new QComboBox(this);
    m_positions->addItems({QString(), QString()});
    m_scaling = new QComboBox(this);
    m_scaling->addItems({QString(), QString()});

    m_lr = new QDoubleSpinBox(this);
    m_lr->setDecimals(5);
    m_lr->setRange(0.00001, 1.0);
    m_lr->setSingleStep(0.0005);
    m_lr->setValue(0.003);
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, &ModelPanel::learningRateChanged);
    m_schedule = new QComboBox(this);
    m_schedule->addItems({QString(), QString()});
    m_batch = spin(1, 512, 32);
    m_steps = spin(1, 1000000, 600, 100);
    m_seed = spin(0, 1000000, 1);

    m_params = new QLabel(this);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_apply = new QPushButton(this);
    connect(m_apply, &QPushButton::clicked, this, &ModelPanel::applyRequested);

    m_form = new QFormLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_layers, m_heads, m_dModel, m_context,
                                                       m_dropout, m_norm, m_positions, m_scaling,
                                                       m_lr, m_schedule, m_batch, m_steps, m_seed})
        m_form->addRow(new QLabel(this), w);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_params);
    layout->addWidget(m_error);
    layout->addWidget(m_apply);
    layout->addStretch(1);
    retranslateUi();
    validate();
}

attn::TransformerConfig ModelPanel::modelConfig() const
{
    attn::TransformerConfig c;
    c.n_layers = m_layers->value();
    c.n_heads = m_heads->value();
    c.d_model = m_dModel->value();
    c.n_ctx = m_context->value();
    c.dropout = float(m_dropout->value());
    c.norm = m_norm->currentIndex() == 0 ? attn::NormPlacement::Pre : attn::NormPlacement::Post;
    c.positions = m_positions->currentIndex() == 0 ? attn::PositionKind::Learned
                                                   : attn::PositionKind::Sinusoidal;
    c.scaled = m_scaling->currentIndex() == 0;
    return c;
}

attn::TrainerConfig ModelPanel::trainerConfig() const
{
    attn::TrainerConfig t;
    t.steps = m_steps->value();
    t.learningRate = float(m_lr->value());
    if (m_schedule->currentIndex() == 1)
        t.schedule = attn::LrSchedule::warmupCosine(std::max(1, m_steps->value() / 10),
                                                    m_steps->value(), 0.1f);
    t.evalEvery = std::max(10, m_steps->value() / 30);
    t.seed = std::uint64_t(m_seed->value());
    return t;
}

int ModelPanel::batchSize() const
{
    return m_batch->value();
}

std::uint64_t ModelPanel::seed() const
{
    return std::uint64_t(m_seed->value());
}

QString ModelPanel::problem() const
{
    if (m_dModel->value() % m_heads->value() != 0)
        return tr("The model width (%1) must be divisible by the number of heads (%2): each "
                  "head gets an equal slice.")
            .arg(m_dModel->value())
            .arg(m_heads->value());
    try {
        attn::TransformerConfig c = modelConfig();
        c.validate();
    } catch (const attn::Error &e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

void ModelPanel::validate()
{
    const QString p = problem();
    m_error->setText(p);
    m_error->setVisible(!p.isEmpty());
    m_apply->setEnabled(p.isEmpty());
}

void ModelPanel::setModelConfig(const attn::TransformerConfig &c)
{
    m_layers->setValue(c.n_layers);
    m_heads->setValue(c.n_heads);
    m_dModel->setValue(c.d_model);
    m_context->setValue(c.n_ctx);
    m_dropout->setValue(c.dropout);
    m_norm->setCurrentIndex(c.norm == attn::NormPlacement::Pre ? 0 : 1);
    m_positions->setCurrentIndex(c.positions == attn::PositionKind::Learned ? 0 : 1);
    m_scaling->setCurrentIndex(c.scaled ? 0 : 1);
}

void ModelPanel::setParameterCount(long long count)
{
    m_paramCount = count;
    retranslateUi();
}

void ModelPanel::setTrainingActive(bool active)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_layers, m_heads, m_dModel, m_context,
                                                       m_dropout, m_norm, m_positions, m_scaling,
                                                       m_schedule, m_batch, m_steps, m_seed})
        w->setEnabled(!active);
    m_apply->setEnabled(!active && problem().isEmpty());
}

void ModelPanel::retranslateUi()
{
    struct Row {
        QWidget *field;
        QString label, tip;
    };
    const Row rows[] = {
        {m_layers, tr("Layers"),
         tr("How many Transformer blocks (attention + feed-forward) are stacked.")},
        {m_heads, tr("Heads"),
         tr("Attention heads per layer: each looks at the sequence with its own queries and "
            "keys.")},
        {m_dModel, tr("Width (d_model)"),
         tr("Size of each token's vector; split evenly between the heads.")},
        {m_context, tr("Context"), tr("The longest sequence the model reads at once, in tokens.")},
        {m_dropout, tr("Dropout"),
         tr("Fraction of activations zeroed at random while training, to reduce overfitting.")},
        {m_norm, tr("LayerNorm"),
         tr("Pre-LN normalises before each sublayer (GPT-2); post-LN after the residual sum "
            "(original Transformer).")},
        {m_positions, tr("Positions"),
         tr("How token order is encoded: learned vectors (GPT-2) or fixed sinusoids (Vaswani et "
            "al.).")},
        {m_scaling, tr("Scores"),
         tr("Divide q·k by √d_k (standard) or not, to see why the scaling keeps softmax from "
            "saturating.")},
        {m_lr, tr("Learning rate"),
         tr("Step size of the optimizer (AdamW); changes apply at the next step, even while "
            "training.")},
        {m_schedule, tr("Schedule"),
         tr("Keep the learning rate constant, or warm it up and then decay it along a cosine.")},
        {m_batch, tr("Batch size"), tr("Sequences per training step.")},
        {m_steps, tr("Steps"), tr("Optimizer updates in a full run.")},
        {m_seed, tr("Seed"),
         tr("Same seed, same data and threads: the same initial weights and the same losses.")},
    };
    for (const Row &r : rows) {
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(r.field)))
            label->setText(r.label);
        r.field->setToolTip(r.tip);
    }
    m_norm->setItemText(0, tr("Pre-LN (GPT-2)"));
    m_norm->setItemText(1, tr("Post-LN (original)"));
    m_positions->setItemText(0, tr("Learned"));
    m_positions->setItemText(1, tr("Sinusoidal"));
    m_scaling->setItemText(0, tr("Scaled: q·k / √d_k"));
    m_scaling->setItemText(1, tr("Unscaled: q·k"));
    m_schedule->setItemText(0, tr("Constant"));
    m_schedule->setItemText(1, tr("Warmup + cosine"));
    m_apply->setText(tr("Build New Model"));
    m_apply->setToolTip(tr("Create a freshly initialised model with these settings."));
    m_params->setText(
        m_paramCount < 0 ? QString() : tr("Parameters: %1").arg(QLocale().toString(m_paramCount)));
}

void ModelPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
