<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Copy Versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>AttentionLab %1
Qt %2 (built with %3)
Eigen %4
QCustomPlot %5
OpenMP threads: %6
SIMD: %7
Compiler: %8</source>
        <translation>AttentionLab %1
Qt %2（编译时版本 %3）
Eigen %4
QCustomPlot %5
OpenMP 线程数：%6
SIMD：%7
编译器：%8</translation>
    </message>
    <message>
        <source>About AttentionLab</source>
        <translation>关于 AttentionLab</translation>
    </message>
    <message>
        <source>AttentionLab</source>
        <translation>AttentionLab</translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation>依据 GNU 通用公共许可证第 3 版或更高版本授权。</translation>
    </message>
    <message>
        <source>Watch the attention mechanism learn: train small attention models and see every step of softmax(QKᵀ/√dₖ)V with real numbers.</source>
        <translation>观察注意力机制如何学习：训练小型注意力模型，用真实数值查看 softmax(QKᵀ/√dₖ)V 的每一步计算。</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Language modelling on %1: the model learns to predict each next token of the text.</source>
        <translation>在 %1 上进行语言建模：模型学习预测文本中的每一个下一个词元。</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct character(s)</source>
        <translation>
            <numerusform>%n 个不同字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in task: %1</source>
        <translation>内置任务：%1</translation>
    </message>
    <message>
        <source>Expected attention: %1</source>
        <translation>预期的注意力模式：%1</translation>
    </message>
    <message numerus="yes">
        <source>Vocabulary: %n token(s)</source>
        <translation>
            <numerusform>词表：%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>Train on</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>A built-in task that shows a clear attention pattern, or the text file you opened</source>
        <translation>选择一个能呈现清晰注意力模式的内置任务，或你打开的文本文件。</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>分词方式</translation>
    </message>
    <message>
        <source>How a text is cut into tokens: characters, words (each Chinese character its own word), or byte-pair encoding</source>
        <translation>分词器如何把文本切分为词元：按字符、按词（每个汉字单独算一个词）或使用字节对编码。</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Byte-pair encoding</source>
        <translation>字节对编码（BPE）</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>文本：%1</translation>
    </message>
    <message>
        <source>Copy (diagonal)</source>
        <translation>复制（对角线）</translation>
    </message>
    <message>
        <source>Reverse (anti-diagonal)</source>
        <translation>反转（反对角线）</translation>
    </message>
    <message>
        <source>Sort digits</source>
        <translation>数字排序</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>加法</translation>
    </message>
    <message>
        <source>Date normalisation</source>
        <translation>日期规范化</translation>
    </message>
    <message>
        <source>repeat a string of letters</source>
        <translation>原样重复一串字母</translation>
    </message>
    <message>
        <source>write a string of letters backwards</source>
        <translation>把一串字母倒序写出</translation>
    </message>
    <message>
        <source>sort a string of digits</source>
        <translation>把一串数字从小到大排序</translation>
    </message>
    <message>
        <source>add two decimal numbers</source>
        <translation>计算两个十进制数之和</translation>
    </message>
    <message>
        <source>write a date given in one of over 40 English, Chinese and numeric formats as YYYY-MM-DD</source>
        <translation>把以 40 多种英文、中文或数字格式之一给出的日期改写为 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>diagonal: each answer symbol looks at the same position</source>
        <translation>对角线：答案中的每个符号都关注输入中相同位置的符号</translation>
    </message>
    <message>
        <source>anti-diagonal: the i-th answer symbol looks at the i-th from the end</source>
        <translation>反对角线：答案的第 i 个符号关注输入中倒数第 i 个符号</translation>
    </message>
    <message>
        <source>each answer digit looks at where that digit occurs in the input</source>
        <translation>答案中的每个数字都关注该数字在输入中出现的位置</translation>
    </message>
    <message>
        <source>answer digits look at the aligned digits (and the carry) of both numbers</source>
        <translation>答案的各位数字关注两个加数对齐的对应位（以及进位）</translation>
    </message>
    <message>
        <source>answer year, month and day look at the words and numbers that carry them, wherever they are</source>
        <translation>答案中的年、月、日关注输入里表示它们的词和数字，无论它们出现在哪里</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message numerus="yes">
        <source>New model: %n parameter(s)</source>
        <translation>
            <numerusform>新模型：%n 个参数</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Model Opened with Warnings</source>
        <translation>模型已打开，但有警告</translation>
    </message>
    <message>
        <source>Cannot Save Model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot Build the Model</source>
        <translation>无法构建模型</translation>
    </message>
    <message>
        <source>Training Stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Training stopped at step %1</source>
        <translation>训练在第 %1 步停止</translation>
    </message>
    <message>
        <source>Discard the Trained Model?</source>
        <translation>放弃已训练的模型？</translation>
    </message>
    <message numerus="yes">
        <source>The current model has been trained for %n step(s) and is not saved. Build a new model anyway?</source>
        <translation>
            <numerusform>当前模型已训练 %n 步且尚未保存。仍要构建新模型吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>AttentionLab</source>
        <translation>AttentionLab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;Text…</source>
        <translation>打开文本(&amp;T)…</translation>
    </message>
    <message>
        <source>Load a text, TSV or CSV file to train on</source>
        <translation>加载用于训练的文本、TSV 或 CSV 文件</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a saved AttentionLab model (.safetensors)</source>
        <translation>打开已保存的 AttentionLab 模型（.safetensors）</translation>
    </message>
    <message>
        <source>Save Model &amp;As…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>View as &amp;Image…</source>
        <translation>将视图导出为图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Attention &amp;Data…</source>
        <translation>注意力数据(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Larger Text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller Text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal Text Size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;About AttentionLab</source>
        <translation>关于 AttentionLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>All Heads</source>
        <translation>所有注意力头</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>连线图</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Cannot Open File</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>%1: no such file.</source>
        <translation>%1：文件不存在。</translation>
    </message>
    <message>
        <source>Cannot Open Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Stop training before opening a model.</source>
        <translation>请先停止训练，再打开模型。</translation>
    </message>
    <message>
        <source>Cannot Open Text</source>
        <translation>无法打开文本</translation>
    </message>
    <message>
        <source>Open Text</source>
        <translation>打开文本</translation>
    </message>
    <message>
        <source>Text files (*.txt *.tsv *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.tsv *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>AttentionLab models (*.safetensors);;All files (*)</source>
        <translation>AttentionLab 模型 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Pause or stop training before saving.</source>
        <translation>请先暂停或停止训练，再保存。</translation>
    </message>
    <message>
        <source>Save Model As</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>AttentionLab models (*.safetensors)</source>
        <translation>AttentionLab 模型 (*.safetensors)</translation>
    </message>
    <message>
        <source>Save the Trained Model?</source>
        <translation>保存已训练的模型？</translation>
    </message>
    <message numerus="yes">
        <source>The model has been trained for %n step(s) and is not saved.</source>
        <translation>
            <numerusform>模型已训练 %n 步，尚未保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Open &amp;Sample Text</source>
        <translation>打开示例文本(&amp;S)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>打开演示模型(&amp;D)</translation>
    </message>
    <message>
        <source>Cannot Open Sample</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>%1: cannot be copied to %2 (%3).</source>
        <translation>%1：无法复制到 %2（%3）。</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>The model width (%1) must be divisible by the number of heads (%2): each head gets an equal slice.</source>
        <translation>模型宽度（%1）必须能被注意力头数（%2）整除：每个头分到相等的一份。</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>How many Transformer blocks (attention + feed-forward) are stacked.</source>
        <translation>堆叠多少个 Transformer 块（注意力 + 前馈网络）。</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Attention heads per layer: each looks at the sequence with its own queries and keys.</source>
        <translation>每层的注意力头数：每个头用自己的查询和键来观察序列。</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>模型宽度（d_model）</translation>
    </message>
    <message>
        <source>Size of each token&apos;s vector; split evenly between the heads.</source>
        <translation>每个词元向量的维度，在各注意力头之间均分。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>The longest sequence the model reads at once, in tokens.</source>
        <translation>模型一次能读取的最长序列，以词元计。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>丢弃率（dropout）</translation>
    </message>
    <message>
        <source>Fraction of activations zeroed at random while training, to reduce overfitting.</source>
        <translation>训练时随机置零的激活值比例，用于减轻过拟合。</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>层归一化</translation>
    </message>
    <message>
        <source>Pre-LN normalises before each sublayer (GPT-2); post-LN after the residual sum (original Transformer).</source>
        <translation>Pre-LN 在每个子层之前做归一化（GPT-2）；Post-LN 在残差相加之后做归一化（原始 Transformer）。</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>How token order is encoded: learned vectors (GPT-2) or fixed sinusoids (Vaswani et al.).</source>
        <translation>词元顺序的编码方式：可学习的向量（GPT-2）或固定的正弦函数（Vaswani 等人）。</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>注意力分数</translation>
    </message>
    <message>
        <source>Divide q·k by √d_k (standard) or not, to see why the scaling keeps softmax from saturating.</source>
        <translation>选择是否将 q·k 除以 √d_k（标准做法），从而看清缩放为何能防止 softmax 饱和。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of the optimizer (AdamW); changes apply at the next step, even while training.</source>
        <translation>优化器（AdamW）的步长；修改会在下一步生效，训练进行中也是如此。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Keep the learning rate constant, or warm it up and then decay it along a cosine.</source>
        <translation>保持学习率不变，或先预热、再按余弦曲线衰减。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Sequences per training step.</source>
        <translation>每个训练步使用的序列数。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Optimizer updates in a full run.</source>
        <translation>一次完整训练中优化器更新的次数。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Same seed, same data and threads: the same initial weights and the same losses.</source>
        <translation>随机种子、数据和线程数都相同时，初始权重和损失也完全相同。</translation>
    </message>
    <message>
        <source>Pre-LN (GPT-2)</source>
        <translation>Pre-LN（GPT-2）</translation>
    </message>
    <message>
        <source>Post-LN (original)</source>
        <translation>Post-LN（原始）</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>可学习</translation>
    </message>
    <message>
        <source>Sinusoidal</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Scaled: q·k / √d_k</source>
        <translation>缩放：q·k / √d_k</translation>
    </message>
    <message>
        <source>Unscaled: q·k</source>
        <translation>不缩放：q·k</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Warmup + cosine</source>
        <translation>预热 + 余弦</translation>
    </message>
    <message>
        <source>Build New Model</source>
        <translation>构建新模型</translation>
    </message>
    <message>
        <source>Create a freshly initialised model with these settings.</source>
        <translation>按这些设置创建一个全新初始化的模型。</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>参数量：%1</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start or pause training (Ctrl+Enter)</source>
        <translation>开始或暂停训练（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Make one optimizer update, then pause (Ctrl+.)</source>
        <translation>执行一次优化器更新，然后暂停（Ctrl+.）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop training after the current step; the weights are kept</source>
        <translation>在当前步完成后停止训练，权重会保留。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start over with freshly initialised weights</source>
        <translation>用全新初始化的权重从头开始。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Loss: %1</source>
        <translation>损失：%1</translation>
    </message>
    <message>
        <source>Validation loss: %1</source>
        <translation>验证损失：%1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>剩余约 %1</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>There is no model to save.</source>
        <translation>没有可保存的模型。</translation>
    </message>
</context>
<context>
    <name>attn::AllHeadsGrid</name>
    <message>
        <source>masked</source>
        <translation>已掩码</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>%1, head %2: click to open</source>
        <translation>%1，注意力头 %2：点击打开</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
</context>
<context>
    <name>attn::AttentionLinesView</name>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attn::AttentionSelector</name>
    <message>
        <source>causal self-attention</source>
        <translation>因果自注意力</translation>
    </message>
    <message>
        <source>self-attention</source>
        <translation>自注意力</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <source>attention pooling</source>
        <translation>注意力池化</translation>
    </message>
    <message>
        <source>Mean of heads</source>
        <translation>各注意力头的平均</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>&amp;Block:</source>
        <translation>块(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>配色(&amp;C)：</translation>
    </message>
    <message>
        <source>Show &amp;values</source>
        <translation>显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>Write the weight in each cell of matrices up to %1×%1</source>
        <translation>在不超过 %1×%1 的矩阵中，把权重写在每个单元格里。</translation>
    </message>
    <message>
        <source>Scale to data</source>
        <translation>按数据范围</translation>
    </message>
    <message>
        <source>Scale 0–1</source>
        <translation>刻度 0–1</translation>
    </message>
    <message>
        <source>0–1 compares heads and steps; scaled to data shows small differences</source>
        <translation>0–1 固定刻度便于比较不同注意力头和训练步；按数据范围显示则能看出细微差异。</translation>
    </message>
</context>
<context>
    <name>attn::ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis（色盲友好）</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Blues (print)</source>
        <translation>Blues（适合打印）</translation>
    </message>
</context>
<context>
    <name>attn::HeatmapView</name>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: masked (score set to −∞, weight 0)</source>
        <translation>查询 %1“%2”→ 键 %3“%4”：已掩码（分数设为 −∞，权重为 0）</translation>
    </message>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: weight %5</source>
        <translation>查询 %1“%2”→ 键 %3“%4”：权重 %5</translation>
    </message>
    <message>
        <source>Key (attended to)</source>
        <translation>键（被关注）</translation>
    </message>
    <message>
        <source>Query (attending)</source>
        <translation>查询（发出关注）</translation>
    </message>
    <message>
        <source>Attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>No attention to show yet: train or load a model</source>
        <translation>暂无可显示的注意力：请训练或加载一个模型</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>its only head</source>
        <translation>唯一的注意力头</translation>
    </message>
    <message>
        <source>mean of %1 heads</source>
        <translation>%1 个注意力头的平均</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>  (hatched: masked)</source>
        <translation>  （阴影线：已掩码）</translation>
    </message>
</context>
<context>
    <name>attn::LossPlotView</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>attn::ViewExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save %1: the view has no size</source>
        <translation>无法保存 %1：视图尺寸为零</translation>
    </message>
    <message>
        <source>Cannot render %1 as PNG</source>
        <translation>无法将 %1 渲染为 PNG</translation>
    </message>
    <message>
        <source>Exported from AttentionLab</source>
        <translation>由 AttentionLab 导出</translation>
    </message>
    <message>
        <source>Cannot render %1 as SVG</source>
        <translation>无法将 %1 渲染为 SVG</translation>
    </message>
    <message>
        <source>Cannot render %1 as PDF</source>
        <translation>无法将 %1 渲染为 PDF</translation>
    </message>
    <message>
        <source>Cannot save %1: expected a .png, .svg or .pdf file name</source>
        <translation>无法保存 %1：文件名应以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>Cannot save %1: no attention matrix is shown</source>
        <translation>无法保存 %1：当前没有显示注意力矩阵</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>AttentionLab: train small attention models and watch them learn.</source>
        <translation>AttentionLab：训练小型注意力模型，观察它们如何学习。</translation>
    </message>
    <message>
        <source>Text or model files to open.</source>
        <translation>要打开的文本或模型文件。</translation>
    </message>
</context>
</TS>
