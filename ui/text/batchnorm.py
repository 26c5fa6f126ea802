"""BatchNorm page (CS231n Lecture 5 here; Lecture 6 in the 2017 course). Sources: Ioffe & Szegedy 2015;
Ba et al. 2016 (LayerNorm); Wu & He 2018 (GroupNorm); PyTorch's BatchNorm1d documentation for momentum."""

TEXT = {
    "batchnorm.q.keeps": ("With BatchNorm before every nonlinearity and this (bad) init scale, what happens to the "
                          "activations' std from the first layer to the last?",
                          "모든 비선형 함수 앞에 배치 정규화를 두고 이 (나쁜) 초기화 크기로 시작하면, 활성값의 표준편차는 "
                          "첫 층에서 마지막 층까지 어떻게 될까요?"),
    "batchnorm.q.keeps.shrinks": ("it shrinks", "줄어듦"),
    "batchnorm.q.keeps.same": ("it stays about the same", "거의 그대로임"),
    "batchnorm.q.keeps.grows": ("it grows", "커짐"),
    "batchnorm.nav": ("Batch normalization", "배치 정규화"),
    "batchnorm.oneline": ("Why BatchNorm keeps every layer's activations in shape, allows larger learning rates, "
                          "and behaves differently in training and at test time.",
                          "BatchNorm이 모든 층의 활성값을 제 모양으로 유지하고, 더 큰 학습률을 허용하며, 학습 때와 "
                          "테스트 때 다르게 동작하는 이유."),
    "batchnorm.title": ("Batch normalization", "배치 정규화 (Batch Normalization)"),
    "batchnorm.intro": (
        "BatchNorm standardizes each feature over the current minibatch and then lets the network rescale and "
        "shift it with learned γ and β. The lecture's claims: it improves gradient flow, allows higher learning "
        "rates, reduces the dependence on initialization, reduces saturation and acts as a mild regularizer; at "
        "test time the batch statistics are replaced by running averages. Pick a part below; each runs its own "
        "experiment.",
        "BatchNorm은 각 특징(feature)을 현재 미니배치 안에서 표준화한 다음, 학습되는 γ와 β로 다시 늘이고 옮길 수 "
        "있게 합니다. 강의의 주장은 이렇습니다: 그래디언트 흐름을 좋게 하고, 더 큰 학습률을 허용하고, 초기화에 "
        "덜 민감하게 만들고, 포화를 줄이며, 약한 규제 효과가 있습니다. 테스트 때는 배치 통계 대신 이동 평균을 "
        "씁니다. 아래에서 부분을 고르면 각자의 실험이 돌아갑니다."),
    "batchnorm.legend.none": ("no normalization", "정규화 없음"),
    "batchnorm.legend.gamma": ("γ (scale)", "γ (배율)"),  # the learned parameters' table
    "batchnorm.legend.beta": ("β (shift)", "β (이동)"),
    "batchnorm.legend.running_mean": ("running mean", "이동 평균"),  # the forward check's table
    "batchnorm.legend.running_var": ("running variance", "이동 분산"),
    # field labels
    "batchnorm.f.activation": ("Nonlinearity", "비선형 함수"),
    "batchnorm.f.init_std": ("Weight std at init", "초기 가중치 표준편차"),
    "batchnorm.f.batch": ("Batch size N", "배치 크기 N"),
    "batchnorm.f.batch_size": ("Minibatch size", "미니배치 크기"),
    "batchnorm.f.lr_min": ("Smallest learning rate", "가장 작은 학습률"),
    "batchnorm.f.lr_max": ("Largest learning rate", "가장 큰 학습률"),
    "batchnorm.f.std_min": ("Smallest init std", "가장 작은 초기 표준편차"),
    "batchnorm.f.std_max": ("Largest init std", "가장 큰 초기 표준편차"),
    "batchnorm.f.points": ("Values per grid", "격자당 값의 개수"),
    "batchnorm.f.lr_for_init": ("Learning rate of the init grid", "초기화 격자의 학습률"),
    "batchnorm.f.mix": ("Mix: 0 = normalized, 1 = restored", "섞기: 0 = 정규화, 1 = 복원"),
    "batchnorm.f.mean": ("Input mean", "입력 평균"),
    "batchnorm.f.std": ("Input std", "입력 표준편차"),
    "batchnorm.f.shape": ("Input distribution", "입력 분포"),
    "batchnorm.f.momentum": ("BatchNorm momentum m", "BatchNorm 모멘텀 m"),
    "batchnorm.f.mu": ("Population mean μ", "모집단 평균 μ"),
    "batchnorm.f.sigma": ("Population std σ", "모집단 표준편차 σ"),
    "batchnorm.f.norms": ("Normalizations", "정규화 방식"),
    "batchnorm.f.d": ("Features D", "특징 수 D"),
    "batchnorm.f.eps": ("ε", "ε"),
    # 1. activations
    "batchnorm.activations.name": ("1 · Activations", "1 · 활성값"),
    "batchnorm.activations.claim": (
        "A batch of N(0, 1) inputs goes once through a deep stack whose weights start at a badly chosen scale, "
        "twice: as is, and with BatchNorm between each linear layer and its nonlinearity. z is what enters the "
        "nonlinearity (after BatchNorm when there is one), a what leaves it.",
        "N(0, 1) 입력 한 배치를 가중치 크기를 잘못 고른 깊은 신경망에 두 번 통과시킵니다. 한 번은 그대로, 한 번은 "
        "각 선형층과 비선형 함수 사이에 BatchNorm을 넣어서입니다. z는 비선형 함수에 들어가는 값(BatchNorm이 있으면 "
        "그 뒤), a는 나오는 값입니다."),
    "batchnorm.activations.std": ("Std of the activations a per layer (log scale)", "층별 활성값 a의 표준편차 (로그 축)"),
    "batchnorm.activations.sat": ("Fraction of units saturated (|f'(z)| < 0.01)", "포화된 유닛의 비율 (|f'(z)| < 0.01)"),
    "batchnorm.activations.hist_z": ("z per layer · {variant}", "층별 z · {variant}"),
    "batchnorm.activations.hist_a": ("a per layer · {variant}", "층별 a · {variant}"),
    "batchnorm.activations.notice": (
        "With weights of std {std}, the activations' std goes from {plain1} in layer 1 to {plainL} in layer {L} "
        "without BatchNorm. With it, it is {bn1} in layer 1 and {bnL} in layer {L}: each layer sees a unit-variance "
        "z whatever the scale of the weights before it.",
        "가중치 표준편차가 {std}일 때, BatchNorm이 없으면 활성값의 표준편차가 1층의 {plain1}에서 {L}층의 {plainL}[로] "
        "바뀝니다. BatchNorm이 있으면 1층 {bn1}, {L}층 {bnL}입니다. 앞 가중치의 크기와 상관없이 모든 층이 분산 1인 "
        "z를 받습니다."),
    "batchnorm.preset.small": ("std 0.01: activations collapse", "std 0.01: 활성값이 0으로 무너짐"),
    "batchnorm.preset.large": ("std 1.0: tanh saturates", "std 1.0: tanh가 포화됨"),
    "batchnorm.preset.relu": ("ReLU, std 0.01", "ReLU, std 0.01"),
    # 2. grids
    "batchnorm.grids.name": ("2 · Learning rate and init", "2 · 학습률과 초기화"),
    "batchnorm.grids.claim": (
        "Twin runs on the spiral data (full-batch SGD): each pair shares its data and initial weights and differs "
        "only by BatchNorm. Left: He initialization at learning rates from small to large. Right: weights from "
        "N(0, std²) at one learning rate, std from tiny to large. Each cell shows the final training loss; ✕ marks "
        "a run stopped because it diverged.",
        "나선형 데이터에서 전체 배치 SGD로 쌍둥이 실행을 합니다. 각 쌍은 데이터와 초기 가중치가 같고 BatchNorm 유무만 "
        "다릅니다. 왼쪽: He 초기화로 작은 학습률부터 큰 학습률까지. 오른쪽: 학습률 하나에서 가중치를 N(0, std²)로, "
        "std는 아주 작은 값부터 큰 값까지. 각 칸은 마지막 학습 손실이고, ✕는 발산해서 멈춘 실행입니다."),
    "batchnorm.grids.heat_lr": ("Final training loss: learning rate × BatchNorm", "마지막 학습 손실: 학습률 × BatchNorm"),
    "batchnorm.grids.heat_init": ("Final training loss: init std × BatchNorm", "마지막 학습 손실: 초기 표준편차 × BatchNorm"),
    "batchnorm.grids.curve_lr": ("Training loss at the learning rate picked above", "위에서 고른 학습률의 학습 손실"),
    "batchnorm.grids.curve_init": ("Training loss at the init std picked above", "위에서 고른 초기 표준편차의 학습 손실"),
    "batchnorm.grids.shown_lr": ("learning rate {value}", "학습률 {value}"),
    "batchnorm.grids.shown_init": ("init std {value}", "초기 표준편차 {value}"),
    "batchnorm.grids.click": ("Click a cell of a heatmap to see that row's loss curves under it.",
                              "히트맵의 칸을 누르면 그 행의 손실 곡선이 아래에 나옵니다."),
    "batchnorm.grids.download_curves": ("Download the loss curves (CSV)", "손실 곡선 내려받기 (CSV)"),
    "batchnorm.grids.axis_lr": ("learning rate", "학습률"),
    "batchnorm.grids.axis_init": ("init std", "초기 표준편차"),
    "batchnorm.grids.legend": (
        "Colors stop at twice the loss of a uniform guess (2 ln 3 ≈ 2.2) so that one exploded run does not wash out "
        "the rest. The curves under each heatmap are those of its outlined row; a click on another cell shows that "
        "row's curves at once, and the link keeps the rows the page opened on.",
        "폭발한 실행 하나가 나머지 색을 모두 묻어 버리지 않도록, 색은 균등하게 찍을 때 손실의 두 배(2 ln 3 ≈ 2.2)에서 "
        "멈춥니다. 히트맵 아래 곡선은 테두리가 그려진 행의 것입니다. 다른 칸을 누르면 그 행의 곡선이 바로 나오고, "
        "링크에는 페이지가 처음 연 행이 남습니다."),
    "batchnorm.grids.notice": (
        "Learning rates at which only the network with BatchNorm trains (loss below half its start): {wins}. "
        "Across the init scales, {bn} of {n} runs train with BatchNorm and {plain} of {n} without it.",
        "BatchNorm이 있는 신경망만 학습되는(손실이 시작의 절반 아래로 내려가는) 학습률: {wins}. 초기화 크기 전체에서 "
        "BatchNorm이 있으면 {n}개 중 {bn}개, 없으면 {n}개 중 {plain}개가 학습됩니다."),
    # 3. gamma and beta
    "batchnorm.gamma.name": ("3 · γ and β", "3 · γ와 β"),
    "batchnorm.gamma.claim": (
        "Normalizing could take away what a layer needs (a tanh unit may want to be in its saturated range). "
        "γ and β give that freedom back: the network learns them. Twin runs on the spiral data (ReLU, Adam): "
        "BatchNorm with learned γ and β against BatchNorm without them.",
        "정규화는 층에 필요한 것을 빼앗을 수도 있습니다 (tanh 유닛이 포화 영역에 있고 싶을 수도 있습니다). γ와 β가 "
        "그 자유를 돌려주고, 신경망이 이 값을 배웁니다. 나선형 데이터에서(ReLU, Adam) γ·β를 배우는 BatchNorm과 "
        "그것이 없는 BatchNorm을 쌍둥이 실행으로 비교합니다."),
    "batchnorm.gamma.hist_gamma": ("Learned γ per layer", "층별로 배운 γ"),
    "batchnorm.gamma.hist_beta": ("Learned β per layer", "층별로 배운 β"),
    "batchnorm.gamma.loss": ("Loss with and without γ, β", "γ, β가 있을 때와 없을 때의 손실"),
    "batchnorm.gamma.notice": (
        "γ started at 1 and β at 0; after training γ ranges from {gmin} to {gmax} and β from {bmin} to {bmax}, so the "
        "network did use the freedom. Validation accuracy: {aff} with γ and β, {noaff} without them.",
        "γ는 1, β는 0에서 시작했습니다. 학습 뒤 γ는 {gmin}에서 {gmax}, β는 {bmin}에서 {bmax} 사이이니, 신경망이 그 "
        "자유를 실제로 썼습니다. 검증 정확도: γ와 β가 있으면 {aff}, 없으면 {noaff}."),
    "batchnorm.restore.intro": (
        "**Recovering the identity.** If the network sets γ to the batch's std and β to its mean, BatchNorm gives "
        "back its input unchanged, so adding it never removes what a layer could express. Move the slider from "
        "0 (γ = 1, β = 0: normalized) to 1 (restored).",
        "**항등 함수 되찾기.** 신경망이 γ를 배치의 표준편차로, β를 평균으로 두면 BatchNorm은 입력을 그대로 돌려줍니다. "
        "그러니 BatchNorm을 넣어도 층이 표현할 수 있는 것은 줄지 않습니다. 슬라이더를 0(γ = 1, β = 0: 정규화)에서 "
        "1(복원)로 옮겨 보세요."),
    "batchnorm.restore.hist": ("Input x and output y of BatchNorm (one feature)", "BatchNorm의 입력 x와 출력 y (특징 하나)"),
    "batchnorm.restore.notice": (
        "At mix {mix}: γ = {gamma}, β = {beta}, and the largest |y − x| over the batch is {err}. At mix 1 the "
        "difference is rounding error only.",
        "섞기 {mix}에서 γ = {gamma}, β = {beta}이고, 배치 전체에서 가장 큰 |y − x|는 {err}입니다. 섞기 1에서는 차이가 "
        "반올림 오차뿐입니다."),
    # 4. train vs test
    "batchnorm.traintest.name": ("4 · Train vs test", "4 · 학습 대 테스트"),
    "batchnorm.traintest.claim": (
        "In training, BatchNorm uses the statistics of the current batch and updates running averages with "
        "momentum m (PyTorch's default is 0.1: keep 90% of the old value). At test time (eval mode) it uses those "
        "running averages, so a sample's output no longer depends on the other samples in its batch. One feature "
        "drawn from N(μ, σ²) goes through nn.BatchNorm1d.",
        "학습 때 BatchNorm은 현재 배치의 통계를 쓰고, 모멘텀 m으로 이동 평균을 갱신합니다 (PyTorch 기본값은 0.1: 옛 "
        "값의 90%를 유지). 테스트 때(평가 모드)는 그 이동 평균을 쓰므로, 한 샘플의 출력이 같은 배치의 다른 샘플에 "
        "더 이상 좌우되지 않습니다. N(μ, σ²)에서 뽑은 특징 하나를 nn.BatchNorm1d에 통과시킵니다."),
    "batchnorm.traintest.mean": ("Running mean over steps", "단계별 이동 평균"),
    "batchnorm.traintest.var": ("Running variance over steps", "단계별 이동 분산"),
    "batchnorm.traintest.mates": ("One sample's output, batch-mates redrawn (batch {batch})",
                                  "같은 샘플의 출력, 배치 동료만 새로 (배치 {batch})"),
    "batchnorm.traintest.gap": ("Mean |train-mode − eval-mode output| by batch size", "배치 크기별 평균 |학습 모드 − 평가 모드 출력|"),
    "batchnorm.traintest.gap_curve": ("train − eval gap", "학습 모드 − 평가 모드 차이"),
    "batchnorm.traintest.one": (
        "**A batch of one.** With a single sample there is no spread to divide by, so PyTorch refuses to run "
        "BatchNorm in training mode. Its message, caught on this server just now:",
        "**샘플 하나짜리 배치.** 샘플이 하나면 나눌 퍼짐이 없으므로 PyTorch는 학습 모드의 BatchNorm 실행을 거부합니다. "
        "방금 이 서버에서 잡은 메시지입니다:"),
    "batchnorm.traintest.notice": (
        "After {k} steps at m = {m} the running mean is {run}, the closed form (its expected value) gives {closed}, the population "
        "mean is {mu}. With batches of {b}, the same sample's train-mode output varies with std {train} as its "
        "batch-mates change; in eval mode the std is {eval}.",
        "m = {m}[로] {k}단계 뒤 이동 평균은 {run}, 닫힌 식(그 기댓값)은 {closed}, 모집단 평균은 {mu}입니다. 크기 {b}의 배치에서 "
        "배치 동료가 바뀌면 같은 샘플의 학습 모드 출력은 표준편차 {train}만큼 흔들리고, 평가 모드에서는 {eval}입니다."),
    "batchnorm.preset.torch": ("PyTorch default m = 0.1", "PyTorch 기본 m = 0.1"),
    "batchnorm.preset.slow": ("m = 0.01: slow to converge", "m = 0.01: 느리게 수렴"),
    "batchnorm.preset.big": ("Batch 128: small gap", "배치 128: 작은 차이"),
    # 5. noise
    "batchnorm.noise.name": ("5 · Regularization", "5 · 규제 효과"),
    "batchnorm.noise.claim": (
        "In training, each sample is normalized with the statistics of a random minibatch, which adds noise to its "
        "activations, a little like dropout. Twin runs without and with BatchNorm on a small training set "
        "(minibatches, Adam): compare the gap between training and validation loss.",
        "학습 때 각 샘플은 무작위 미니배치의 통계로 정규화되므로, 드롭아웃과 조금 비슷하게 활성값에 잡음이 더해집니다. "
        "작은 학습 집합에서(미니배치, Adam) BatchNorm이 없을 때와 있을 때를 쌍둥이 실행으로 비교합니다. 학습 손실과 "
        "검증 손실 사이의 차이를 보세요."),
    "batchnorm.noise.chart": ("Loss (solid and dashed: train and validation)", "손실 (실선과 점선: 학습과 검증)"),
    "batchnorm.noise.notice": (
        "On {n} training points the validation loss ends {gap_none} above the training loss without BatchNorm and "
        "{gap_bn} above it with BatchNorm. Validation accuracy: {acc_none} without, {acc_bn} with. Here the effect "
        "shows mostly in the loss (less overconfident predictions), less in accuracy.",
        "학습 점 {n}개에서, 검증 손실은 BatchNorm이 없으면 학습 손실보다 {gap_none}, 있으면 {gap_bn} 높게 끝납니다. "
        "검증 정확도: 없을 때 {acc_none}, 있을 때 {acc_bn}. 여기서 효과는 정확도보다 주로 손실(덜 과신하는 예측)에서 "
        "보입니다."),
    # 6. norms
    "batchnorm.norms.name": ("6 · LayerNorm, GroupNorm", "6 · LayerNorm, GroupNorm"),
    "batchnorm.norms.claim": (
        "Beyond the lecture: LayerNorm normalizes over the units of one sample and GroupNorm over groups of units of "
        "one sample, so neither depends on the batch and both behave the same in training and at test time. Twin "
        "runs on the spiral data with small minibatches; validation uses eval mode.",
        "강의 너머: LayerNorm은 샘플 하나의 유닛들에 걸쳐, GroupNorm은 샘플 하나의 유닛 묶음들에 걸쳐 정규화합니다. "
        "그래서 둘 다 배치에 좌우되지 않고 학습 때와 테스트 때 똑같이 동작합니다. 나선형 데이터에서 작은 미니배치로 "
        "쌍둥이 실행을 하며, 검증은 평가 모드로 합니다."),
    "batchnorm.norms.chart": ("Validation accuracy with minibatches of {batch}", "미니배치 {batch}일 때의 검증 정확도"),
    "batchnorm.norms.notice": (
        "With minibatches of {batch}, final validation accuracy: {accs}. BatchNorm's batch statistics are noisy "
        "at this size and its running averages do not match them; the per-sample normalizations do not care.",
        "미니배치가 {batch}일 때 마지막 검증 정확도: {accs}. 이 크기에서는 BatchNorm의 배치 통계에 잡음이 많고 이동 평균이 "
        "그것과 맞지 않습니다. 샘플별 정규화는 상관하지 않습니다."),
    # 7. forward
    "batchnorm.forward.name": ("7 · The forward pass", "7 · 순전파 직접 짜기"),
    "batchnorm.forward.claim": (
        "The formulas of the lecture, written by hand (below) and run next to torch.nn.functional.batch_norm on the "
        "same input, γ, β and running statistics. Note the one subtlety: the batch is normalized with the biased "
        "variance (divide by N), but the running variance is updated with the unbiased one (divide by N − 1).",
        "강의의 식을 손으로 짠 코드(아래)와 `torch.nn.functional.batch_norm`을 같은 입력, γ, β, 이동 통계로 나란히 "
        "실행합니다. 미묘한 점 하나: 배치는 편향 분산(N으로 나눔)으로 정규화하지만, 이동 분산은 불편 분산(N − 1로 "
        "나눔)으로 갱신합니다."),
    "batchnorm.forward.notice": (
        "The largest difference from PyTorch over outputs and running statistics, in both modes, is {diff} "
        "(float32 rounding). In train mode with γ = 1, β = 0 and N = {N}, every feature's mean is within {mean} "
        "of 0 and its std within {std} of 1.",
        "두 모드 모두에서 출력과 이동 통계가 PyTorch와 가장 크게 다른 값은 {diff}입니다 (float32 반올림). γ = 1, β = 0, "
        "N = {N}인 학습 모드에서 모든 특징의 평균은 0에서 {mean} 이내, 표준편차는 1에서 {std} 이내입니다."),
}
