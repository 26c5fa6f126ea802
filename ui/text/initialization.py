"""Initialization page (CS231n Lecture 6 of 2017 / Lecture 7 of later years, "Weight Initialization";
Glorot & Bengio 2010, He et al. 2015, Saxe et al. 2014, Mishkin & Matas 2016)."""

TEXT = {
    "initialization.q.deep": ("Unit-Gaussian data goes through this deep stack with this initialization. What happens "
                              "to the activations by the last layer?",
                              "단위 가우시안 데이터가 이 초기화의 깊은 층들을 지납니다. 마지막 층에서 활성값은 어떻게 될까요?"),
    "initialization.q.deep.collapse": ("they collapse towards zero", "0으로 무너짐"),
    "initialization.q.deep.keep": ("they keep a healthy spread", "건강한 퍼짐을 유지함"),
    "initialization.q.deep.saturate": ("they saturate (stuck at the flat ends)", "포화됨 (평평한 끝에 붙음)"),
    "initialization.q.deep.explode": ("they explode", "폭발함"),
    "initialization.q.zero": ("All weights of a layer start equal (W = 0 or a constant). After training, are the hidden "
                              "units of a layer still identical?",
                              "한 층의 가중치가 모두 같게 시작합니다 (W = 0 또는 상수). 학습 후에도 그 층의 은닉 유닛들은 "
                              "여전히 똑같을까요?"),
    "initialization.q.zero.identical": ("yes, exactly identical", "예, 정확히 똑같음"),
    "initialization.q.zero.differ": ("no, they become different", "아니요, 서로 달라짐"),
    "initialization.nav": ("Initialization", "가중치 초기화"),
    "initialization.oneline": ("What W = 0, tiny and large weights do to a deep network, and why Xavier and He fix it.",
                               "W = 0, 아주 작은 가중치와 큰 가중치가 깊은 신경망에 무슨 일을 하는지, Xavier와 He가 "
                               "그것을 어떻게 고치는지."),
    "initialization.title": ("Weight initialization", "가중치 초기화"),
    "initialization.intro": (
        "Two questions from the study group: what happens if every weight starts at 0, and what happens in a "
        "deep network when all weights start very small or very large? The lecture answers with one "
        "experiment: push unit-Gaussian data through 10 layers of 500 units and look at every layer. Small "
        "weights make the signal die out, large ones saturate tanh, and the right scale depends on the layer's "
        "fan-in and the nonlinearity: Xavier (Var(W) = 1/n_in) for tanh, He (2/n_in) for ReLU.",
        "스터디 그룹의 두 질문: 모든 가중치를 0에서 시작하면 어떻게 될까요? 깊은 신경망의 가중치를 모두 아주 작게, "
        "또는 아주 크게 시작하면 어떻게 될까요? 강의는 실험 하나로 답합니다. 단위 가우시안 데이터를 유닛 500개짜리 "
        "층 10개에 통과시키고 층마다 들여다봅니다. 가중치가 작으면 신호가 사라지고, 크면 tanh가 포화되며, 알맞은 "
        "크기는 층의 입력 수(fan-in)와 비선형 함수에 달려 있습니다. tanh에는 Xavier(Var(W) = 1/n_in), ReLU에는 "
        "He(2/n_in)입니다."),
    "initialization.f.std": ("Weight std (normal, uniform) or value (constant)",
                             "가중치 표준편차 (정규, 균등) 또는 값 (상수)"),
    "initialization.f.depth": ("Depth (layers)", "깊이 (층 수)"),
    "initialization.f.value": ("Every weight starts at c", "모든 가중치의 시작값 c"),
    "initialization.f.random_init": ("Twin's random init", "비교할 무작위 초기화"),
    "initialization.f.inits": ("Initializations to compare", "비교할 초기화"),
    "initialization.f.sgd_lr": ("Learning rate of the SGD step", "SGD 한 단계의 학습률"),
    "initialization.preset.tanh_small": ("tanh, N(0, 0.01²)", "tanh, N(0, 0.01²)"),
    "initialization.preset.tanh_large": ("tanh, N(0, 1)", "tanh, N(0, 1)"),
    "initialization.preset.tanh_xavier": ("tanh, Xavier", "tanh, Xavier"),
    "initialization.preset.relu_xavier": ("ReLU, Xavier", "ReLU, Xavier"),
    "initialization.preset.relu_he": ("ReLU, He", "ReLU, He"),
    # 1. the stack
    "initialization.stack.name": ("1 · The lecture's experiment", "1 · 강의의 실험"),
    "initialization.stack.claim": (
        "A stack of fully connected layers without bias, fed 1,000 unit-Gaussian inputs: a_l = f(W_l a_(l-1)). "
        "The presets are the slides' five runs. With W ~ N(0, 0.01²) each layer multiplies the spread of the "
        "signal by about 0.01·√500 ≈ 0.22, so it collapses to zero; with N(0, 1) tanh saturates at ±1. "
        "Saturated: |a| > 0.99 for tanh (sigmoid: within 0.01 of 0 or 1), else |f'(z)| < 0.01. "
        "Dead: units with f'(z) = 0 on every input (for ReLU: z ≤ 0 for all 1,000 inputs).",
        "편향 없는 완전 연결 층을 쌓고 단위 가우시안 입력 1,000개를 넣습니다: a_l = f(W_l a_(l-1)). 프리셋은 "
        "슬라이드의 다섯 가지 실행입니다. W ~ N(0, 0.01²)이면 층마다 신호의 퍼짐이 약 0.01·√500 ≈ 0.22배가 되어 "
        "0으로 무너지고, N(0, 1)이면 tanh가 ±1에서 포화됩니다. 포화: tanh는 |a| > 0.99 (시그모이드는 0이나 1에서 "
        "0.01 이내), 나머지는 |f'(z)| < 0.01. 죽은 유닛: 모든 입력에서 f'(z) = 0인 유닛 (ReLU라면 입력 1,000개 "
        "모두에서 z ≤ 0)."),
    "initialization.stack.hist": ("Activations of each layer (one panel per layer, shared x axis)",
                                  "층별 활성값 (층마다 패널 하나, x축 공유)"),
    "initialization.stack.stats": ("Mean and std per layer", "층별 평균과 표준편차"),
    "initialization.stack.log": ("Std per layer (log scale)", "층별 표준편차 (로그 축)"),
    "initialization.stack.frac": ("Saturated values, dead units", "포화된 값, 죽은 유닛"),
    "initialization.stack.notice": (
        "The std of the activations goes from {first} in layer 1 to {last} in layer {L}: a factor of {factor} "
        "per layer. In the last layer {sat} of the values are saturated and {dead} of the units are dead.",
        "활성값의 표준편차는 1층에서 {first}, {L}층에서 {last}입니다. 층마다 {factor}배입니다. 마지막 "
        "층에서는 값의 {sat}[이] 포화되었고 유닛의 {dead}[이] 죽었습니다."),
    # 2. gradients
    "initialization.gradients.name": ("2 · Gradients on the way back", "2 · 거꾸로 흐르는 그래디언트"),
    "initialization.gradients.claim": (
        "The same stack with a 10-way readout, cross-entropy on random labels, one backward pass and one plain "
        "SGD step. Per layer: the std of dL/da (the gradient reaching the activations), the std of dL/dW, and "
        "the update-to-weight ratio ‖ΔW‖/‖W‖ of the step; the lecture's rule of thumb is about 1e-3. Caution, "
        "from running it: with tanh and N(0, 1) most units are saturated, yet the weight gradients do not vanish. "
        "The few unsaturated units pass the gradient on, multiplied by weights of size 1, so it grows layer by "
        "layer towards the input.",
        "같은 층 쌓기에 10개 클래스 출력층을 붙이고, 무작위 레이블에 대한 교차 엔트로피로 역전파를 한 번, 평범한 "
        "SGD 단계를 한 번 합니다. 층마다 dL/da(활성값에 도달한 그래디언트)의 표준편차, dL/dW의 표준편차, 그리고 그 "
        "단계의 갱신 대 가중치 비율 ‖ΔW‖/‖W‖를 봅니다. 강의의 경험칙은 약 1e-3입니다. 주의, 실제로 돌려 보면: tanh와 "
        "N(0, 1)에서는 대부분의 유닛이 포화되지만 가중치 그래디언트는 사라지지 않습니다. 포화되지 않은 몇몇 유닛이 "
        "그래디언트를 전달하고 크기 1의 가중치가 곱해져, 입력 쪽으로 갈수록 층마다 커집니다."),
    "initialization.gradients.chart": ("Std per layer: forward activations and gradients (log scale)",
                                       "층별 표준편차: 순전파 활성값과 그래디언트 (로그 축)"),
    "initialization.gradients.ratio": ("Update-to-weight ratio of one SGD step (log scale; the rule of thumb: 1e-3)",
                                       "SGD 한 단계의 갱신 대 가중치 비율 (로그 축, 경험칙: 1e-3)"),
    "initialization.gradients.notice": (
        "The std of dL/dW is {w1} in layer 1 and {wL} in layer {L}: {direction}. One SGD step at learning rate "
        "{lr} changes the weights by {r_lo} to {r_hi} of their size; {verdict}",
        "dL/dW의 표준편차는 1층에서 {w1}, {L}층에서 {wL}입니다: {direction}. 학습률 {lr}의 SGD 한 단계는 가중치를 "
        "그 크기의 {r_lo}에서 {r_hi}만큼 바꿉니다. {verdict}"),
    "initialization.gradients.grow": ("the weight gradients grow towards the input", "가중치 그래디언트가 입력 쪽으로 갈수록 커집니다"),
    "initialization.gradients.shrink": ("the weight gradients shrink towards the input", "가중치 그래디언트가 입력 쪽으로 갈수록 작아집니다"),
    "initialization.gradients.flat": ("about the same size in every layer", "모든 층에서 크기가 비슷합니다"),
    "initialization.gradients.zero": ("every gradient is exactly zero", "모든 그래디언트가 정확히 0입니다"),
    "initialization.gradients.small": ("far below the rule of thumb of 1e-3: these weights barely learn.",
                                       "경험칙 1e-3보다 훨씬 작아 이 가중치는 거의 배우지 못합니다."),
    "initialization.gradients.large": ("far above the rule of thumb of 1e-3: such steps wreck the weights.",
                                       "경험칙 1e-3보다 훨씬 커서 이런 단계는 가중치를 망가뜨립니다."),
    "initialization.gradients.fine": ("close to the rule of thumb of 1e-3.", "경험칙 1e-3에 가깝습니다."),
    # 3. W = 0
    "initialization.zero.name": ("3 · W = 0", "3 · W = 0"),
    "initialization.zero.claim": (
        "Twin runs on the spiral: a small MLP whose weights all start at c (c = 0 is W = 0), next to the same MLP "
        "from a random init, with the same data and plain SGD. If all incoming weights of a layer are equal, every "
        "unit computes the same z (for W = 0: z = b = 0) and the same a = f(z), and on the way back every unit "
        "receives the same gradient, so all units get the same update and stay copies of each other: a layer of "
        "n units works like a single unit. If also f(0) = 0 (tanh, ReLU), W = 0 is worse still: every hidden "
        "output is 0, so the output layer's weights get no gradient and, being 0 themselves, pass nothing back; "
        "no weight ever moves.",
        "나선 데이터에서 쌍둥이 실행: 모든 가중치가 c에서 시작하는 작은 MLP(c = 0이면 W = 0)와 무작위 초기화에서 "
        "시작하는 같은 MLP를 같은 데이터, 평범한 SGD로 학습합니다. 한 층으로 들어오는 가중치가 모두 같으면 모든 "
        "유닛이 같은 z(W = 0이면 z = b = 0)와 같은 a = f(z)를 계산하고, 역전파에서도 모든 유닛이 같은 그래디언트를 "
        "받습니다. 그래서 모든 유닛이 같은 갱신을 받아 서로의 복사본으로 남고, 유닛 n개짜리 층이 유닛 하나처럼 "
        "일합니다. 게다가 f(0) = 0이면(tanh, ReLU) W = 0은 더 나쁩니다. 모든 은닉 출력이 0이라 출력층 가중치가 "
        "그래디언트를 받지 못하고, 그 가중치 자신도 0이라 아무것도 거꾸로 전하지 못합니다. 어떤 가중치도 움직이지 "
        "않습니다."),
    "initialization.zero.spread": ("Largest difference between two units' incoming weights",
                                   "두 유닛의 입력 가중치 사이의 가장 큰 차이"),
    "initialization.zero.acc": ("Training accuracy", "학습 정확도"),
    "initialization.zero.notice": (
        "Starting from c = {c}, the largest difference between two units' weights stayed at {spread} through all "
        "{steps} steps (random init: {spread_r}), and training accuracy ended at {acc} (random init: {acc_r}).",
        "c = {c}에서 시작하면 두 유닛 가중치 사이의 가장 큰 차이가 {steps}단계 내내 {spread}에 머물렀고(무작위 "
        "초기화: {spread_r}), 학습 정확도는 {acc}[로] 끝났습니다(무작위 초기화: {acc_r})."),
    "initialization.zero.frozen": (" The hidden weights never moved at all: their gradient was exactly 0.",
                                   " 은닉층 가중치는 전혀 움직이지 않았습니다. 그래디언트가 정확히 0이었습니다."),
    "initialization.zero.moved": (" The hidden weights did move (by {moved}), but all units moved together.",
                                  " 은닉층 가중치는 움직였지만({moved}만큼) 모든 유닛이 함께 움직였습니다."),
    "initialization.preset.zero_tanh": ("W = 0, tanh", "W = 0, tanh"),
    "initialization.preset.zero_relu": ("W = 0, ReLU", "W = 0, ReLU"),
    "initialization.preset.zero_sigmoid": ("W = 0, sigmoid", "W = 0, 시그모이드"),
    "initialization.preset.equal": ("All weights 0.1, tanh", "모든 가중치 0.1, tanh"),
    # 4. variance rule
    "initialization.variance.name": ("4 · The variance rule", "4 · 분산 규칙"),
    "initialization.variance.claim": (
        "For independent zero-mean weights (and no bias), each pre-activation z_l is a sum of n_in terms, so its "
        "variance is n_in·Var(W) times the mean square of the layer's input. The number n_in·Var(W) decides: "
        "below 1 the signal shrinks layer by layer, above 1 it grows, at 1 it keeps. tanh is close to the identity "
        "near 0 and keeps nearly all of E[z²], so Xavier's Var(W) = 1/n_in fits it; ReLU sets half of its inputs "
        "to 0 and keeps only half of E[z²], so He doubles the variance to 2/n_in. A constant init breaks the "
        "rule's assumption (its weights have variance 0 but a non-zero mean).",
        "서로 독립이고 평균이 0인 가중치(편향 없음)라면 사전 활성값 z_l은 n_in개 항의 합이라, 분산이 층 입력의 "
        "제곱 평균에 n_in·Var(W)를 곱한 값이 됩니다. n_in·Var(W)가 결정합니다: 1보다 작으면 신호가 층마다 줄고, "
        "크면 커지고, 1이면 유지됩니다. tanh는 0 근처에서 항등 함수에 가까워 E[z²]를 거의 다 남기므로 Xavier의 "
        "Var(W) = 1/n_in이 맞고, ReLU는 입력의 절반을 0으로 만들어 E[z²]의 절반만 남기므로 He는 분산을 두 배인 "
        "2/n_in으로 합니다. 상수 초기화는 규칙의 가정을 깹니다 (분산은 0이지만 평균이 0이 아닙니다)."),
    "initialization.variance.metric": ("n_in·Var(W): {init}", "n_in·Var(W): {init}"),
    "initialization.variance.chart": ("Mean square of the pre-activations E[z²] per layer (log scale)",
                                      "층별 사전 활성값의 제곱 평균 E[z²] (로그 축)"),
    "initialization.variance.caption": (
        "rule: measured E[z_l²]/E[a_(l-1)²] (the formula says n_in·Var(W)); kept_by_f: E[a²]/E[z²], the share "
        "the nonlinearity keeps; factor: growth of E[z²] per layer = rule × kept_by_f (geometric means over layers).",
        "`rule`: 측정한 E[z_l²]/E[a_(l-1)²] (식에 따르면 n_in·Var(W)); `kept_by_f`: 비선형 함수가 남기는 몫 "
        "E[a²]/E[z²]; `factor`: 층마다 E[z²]가 커지는 배수 = `rule` × `kept_by_f` (층에 대한 기하 평균)."),
    "initialization.variance.notice": (
        "With {act}: {rows}.", "{act}에서: {rows}."),
    "initialization.variance.row": ("{init} has n_in·Var(W) = {g}, and the signal {verdict} (×{factor} per layer)",
                                    "{init}: n_in·Var(W) = {g}, 신호가 {verdict} (층마다 ×{factor})"),
    "initialization.verdict.shrinks": ("shrinks", "줄어듭니다"),
    "initialization.verdict.keeps": ("keeps its size", "크기를 유지합니다"),
    "initialization.verdict.grows": ("grows", "커집니다"),
    # 5. training
    "initialization.training.name": ("5 · What it does to training", "5 · 학습에 미치는 영향"),
    "initialization.training.claim": (
        "A deep MLP trained on a toy dataset from each selected init; everything else (data, batches, optimizer) "
        "is shared. A run counts as having started learning when its training loss fell by more than 10%.",
        "선택한 초기화마다 깊은 MLP를 장난감 데이터셋으로 학습합니다. 나머지(데이터, 배치, 옵티마이저)는 모두 "
        "같습니다. 학습 손실이 10%보다 많이 줄면 학습을 시작한 것으로 칩니다."),
    "initialization.training.loss": ("Training loss (log scale)", "학습 손실 (로그 축)"),
    "initialization.training.acc": ("Validation accuracy", "검증 정확도"),
    "initialization.training.notice": (
        "Never started learning: {never}. Started: {started}. Best validation accuracy: {best} with {acc}.",
        "학습을 시작하지 못함: {never}. 시작함: {started}. 가장 높은 검증 정확도: {best}, {acc}."),
    "initialization.training.none": ("none", "없음"),
    "initialization.preset.train_tanh": ("tanh: 0.01 vs Xavier vs He", "tanh: 0.01, Xavier, He 비교"),
    "initialization.preset.train_large": ("tanh with std 1.0", "tanh, 표준편차 1.0"),
    "initialization.preset.train_relu": ("ReLU", "ReLU"),
    # 6. the ladder of fixes
    "initialization.ladder.name": ("6 · The ladder of fixes", "6 · 하나씩 고치기"),
    "initialization.ladder.claim": (
        "Andrej Karpathy's makemore part 3, on a 5-layer tanh MLP and the 8x8 digits (inputs standardized to "
        "mean 0, std 1). Each rung adds one fix to the rung before it; all of them start from the same N(0, 1) "
        "draw and train on the same batches. (0) Naive: every weight ~ N(0, 1). The output layer sums 64 "
        "inputs of about ±1, so its logits have a std of about 8: the softmax is confident, and wrong, and the "
        "loss at step 0 is far above ln C = ln 10 = 2.30, the loss of a uniform guess. (1) The output weights "
        "× 0.01 and its bias 0: the logits start near 0 and the loss near ln C, and no steps are spent on "
        "shrinking the logits. (2) The hidden weights × 0.1 (picked by hand, as the notebook's 0.2): at "
        "N(0, 1) a pre-activation sums 64 terms (std about 8), most tanh units sit at ±1, where f'(z) is "
        "about 0 and no gradient passes; a tenth keeps them in tanh's linear range. (3) Kaiming init instead "
        "of the hand-picked 0.1: std = (5/3)/√n_in, the gain 5/3 making up for tanh's squashing. "
        "(4) BatchNorm before each tanh: the pre-activations are normalized over each batch, whatever the "
        "weights' scale.",
        "Andrej Karpathy의 makemore 3편을 5층 tanh MLP와 8x8 숫자 데이터(입력을 평균 0, 표준편차 1로 "
        "표준화)로 재현합니다. 단계마다 바로 앞 단계에 고침 하나를 더합니다. 모든 단계가 같은 N(0, 1) 난수에서 "
        "시작해 같은 배치로 학습합니다. (0) 순진한 초기화: 모든 가중치 ~ N(0, 1). 출력층은 약 ±1인 입력 64개를 "
        "더하므로 로짓의 표준편차가 약 8입니다. 소프트맥스는 확신에 차 있지만 틀리고, 0단계 손실은 균등하게 "
        "찍을 때의 손실 ln C = ln 10 = 2.30보다 훨씬 큽니다. (1) 출력층 가중치에 0.01을 곱하고 편향을 0으로 "
        "둡니다. 로짓이 0 근처에서, 손실이 ln C 근처에서 시작하고, 로짓을 줄이는 데 학습 단계를 쓰지 않습니다. "
        "(2) 은닉층 가중치에 0.1을 곱합니다(노트북의 0.2처럼 손으로 고른 값). N(0, 1)에서는 사전 활성값이 64개 "
        "항의 합이라 표준편차가 약 8이고, 대부분의 tanh 유닛이 ±1에 붙어 f'(z)가 거의 0이라 그래디언트가 "
        "지나가지 못합니다. 10분의 1로 줄이면 tanh의 선형 구간에 머뭅니다. (3) 손으로 고른 0.1 대신 Kaiming "
        "초기화: 표준편차 = (5/3)/√n_in이며, 이득 5/3이 tanh가 눌러 줄이는 만큼을 메웁니다. (4) 각 tanh 앞의 "
        "BatchNorm: 가중치의 크기와 상관없이 사전 활성값을 배치마다 정규화합니다."),
    "initialization.f.rungs": ("Rungs to show (each adds one fix)", "보여 줄 단계 (단계마다 고침 하나를 더함)"),
    "initialization.legend.0_naive": ("0 · naive N(0, 1)", "0 · 순진한 N(0, 1)"),
    "initialization.legend.1_small_output": ("1 · + output × 0.01", "1 · + 출력층 × 0.01"),
    "initialization.legend.2_small_hidden": ("2 · + hidden × 0.1", "2 · + 은닉층 × 0.1"),
    "initialization.legend.3_kaiming": ("3 · × 0.1 → Kaiming", "3 · × 0.1 → Kaiming"),
    "initialization.legend.4_batchnorm": ("4 · + BatchNorm", "4 · + BatchNorm"),
    # the variance part's table: what the signal does layer after layer (core.initialization.variance)
    "initialization.legend.shrinks": ("shrinks", "줄어듦"),
    "initialization.legend.keeps": ("keeps its size", "크기 유지"),
    "initialization.legend.grows": ("grows", "커짐"),
    "initialization.preset.ladder_all": ("All rungs, SGD", "모든 단계, SGD"),
    "initialization.preset.ladder_naive_fixed": ("Naive vs Kaiming", "순진한 초기화와 Kaiming 비교"),
    "initialization.preset.ladder_adam": ("All rungs, Adam", "모든 단계, Adam"),
    "initialization.ladder.initial": ("Loss at step 0 (dashed: ln C, a uniform guess)",
                                      "0단계 손실 (점선: 균등하게 찍을 때의 ln C)"),
    "initialization.ladder.col.rung": ("rung", "단계"),
    "initialization.ladder.col.initial_loss": ("loss at step 0", "0단계 손실"),
    "initialization.ladder.col.chance_loss": ("ln C", "ln C"),
    "initialization.ladder.col.near_chance": ("within 0.15 of ln C", "ln C와 0.15 이내"),
    "initialization.ladder.col.saturated_at_start": ("saturated tanh units at step 0", "0단계에서 포화된 tanh 유닛"),
    "initialization.q.ladder": ("Rung by rung, which fix first brings the loss at step 0 near ln C (within 0.15)?",
                                "어느 단계의 고침에서 처음으로 0단계 손실이 ln C 근처(0.15 이내)로 내려옵니까?"),
    "initialization.q.ladder.none": ("none of the rungs shown", "보여 준 단계 중에는 없음"),
    "initialization.ladder.notice": (
        "{top} starts at a loss of {top_loss}, {ratio}× ln C = {chance}. {near} At step 0, {sat_hi} of the "
        "tanh units are saturated with {sat_hi_rung} and {sat_lo} with {sat_lo_rung}. After {steps} steps the "
        "validation loss ranges from {worst_val} ({worst}) to {best_val} ({best}).",
        "{top}: 0단계 손실 {top_loss}, ln C = {chance}의 {ratio}배입니다. {near} 0단계에서 포화된 tanh 유닛의 "
        "비율은 {sat_hi_rung}에서 {sat_hi}, {sat_lo_rung}에서 {sat_lo}입니다. {steps}단계 학습 후 검증 손실은 "
        "{worst_val}({worst})부터 {best_val}({best})까지입니다."),
    "initialization.ladder.near": ("The first rung to start within 0.15 of ln C is {rung} ({loss}).",
                                   "ln C와 0.15 이내에서 시작하는 첫 단계: {rung} ({loss})."),
    "initialization.ladder.none_near": ("No rung shown starts within 0.15 of ln C.",
                                        "보여 준 단계 중 ln C와 0.15 이내에서 시작하는 단계는 없습니다."),
}
