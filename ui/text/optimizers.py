"""Optimizers page (CS231n Lectures 6-7, "Optimization": SGD's problems, momentum, Nesterov, AdaGrad,
RMSProp, Adam, learning-rate decay, second-order methods). Facts: Polyak 1964 (heavy ball), Kingma & Ba
2015 (Adam), Loshchilov & Hutter 2019 (AdamW), Goyal et al. 2017 (warmup); wording is our own."""

TEXT = {
    # the Taylor part's curves and steps (ui.charts_optimizers.taylor)
    "optimizers.taylor.legend.function": ("the slice f(s)", "단면 f(s)"),
    "optimizers.taylor.legend.linear": ("linear model", "선형 근사"),
    "optimizers.taylor.legend.quadratic": ("quadratic model", "이차 근사"),
    "optimizers.taylor.legend.start": ("start", "시작점"),
    "optimizers.taylor.legend.gradient": ("gradient step", "그래디언트 단계"),
    "optimizers.taylor.legend.newton": ("Newton step", "뉴턴 단계"),
    # the networks of the Hessian-cost table (core.optimizers.hessian_costs; ResNet-18 keeps its name)
    "optimizers.taylor.legend.MLP 2-64-64-3 (spiral)": ("MLP 2-64-64-3 (spiral)", "MLP 2-64-64-3 (나선)"),
    "optimizers.taylor.legend.your MLP N": ("your MLP {value}", "내 MLP {value}"),
    "optimizers.taylor.legend.MLP 64-128-128-10 (digits)": ("MLP 64-128-128-10 (digits)",
                                                           "MLP 64-128-128-10 (손글씨 숫자)"),
    "optimizers.taylor.legend.SmallCNN (digits)": ("small CNN (digits)", "작은 CNN (손글씨 숫자)"),
    "optimizers.taylor.legend.tanh 10 x 500 (Lecture 6 init)": ("tanh 10 x 500 (Lecture 6 init)",
                                                               "tanh 10 x 500 (6강의 초기화 실험)"),
    "optimizers.q.ridge": ("Plain SGD starts exactly on the saddle's ridge (y = 0). Does it ever leave the saddle?",
                           "일반 SGD가 안장점의 능선(y = 0) 위에서 정확히 출발합니다. 안장점을 벗어날까요?"),
    "optimizers.q.ridge.stays": ("it stays on the ridge", "능선에 머묾"),
    "optimizers.q.ridge.leaves": ("it leaves", "벗어남"),
    "optimizers.nav": ("Optimizers", "옵티마이저"),
    "optimizers.oneline": ("Why plain SGD zig-zags and stalls at saddles, and what momentum, AdaGrad, RMSProp, Adam "
                           "and second-order steps change.",
                           "SGD가 지그재그로 움직이고 안장점에서 멈추는 이유, 그리고 모멘텀·AdaGrad·RMSProp·Adam·"
                           "2차 방법이 바꾸는 것."),
    "optimizers.title": ("Optimizers", "옵티마이저"),
    "optimizers.intro": (
        "The lectures' claims: plain SGD is slow along shallow directions and jitters along steep ones, stalls "
        "at saddle points and local minima (in high dimension saddles far outnumber minima), and suffers from "
        "noisy gradients. Momentum, Nesterov, AdaGrad, RMSProp and Adam each repair a part of this. A "
        "second-order (Taylor) step jumps straight to the minimum of the local quadratic, but for a deep "
        "network the Hessian is far too large to build. Pick a part below; each runs its own experiment.",
        "강의의 주장은 이렇습니다: 보통 SGD는 완만한 방향으로는 느리고 가파른 방향으로는 흔들리며, 안장점과 "
        "지역 최솟값에서 멈추고(고차원에서는 안장점이 최솟값보다 훨씬 많습니다), 잡음 섞인 그래디언트에 "
        "시달립니다. 모멘텀, Nesterov, AdaGrad, RMSProp, Adam은 각각 그 일부를 고칩니다. 2차(테일러) 단계는 "
        "국소 이차식의 최솟값으로 곧장 뛰지만, 깊은 신경망에서는 헤시안이 너무 커서 만들 수 없습니다. 아래에서 "
        "부분을 고르면 각자의 실험이 돌아갑니다."),
    # field labels
    "optimizers.f.surface": ("Loss surface", "손실 곡면"),
    "optimizers.f.kappa": ("Condition number κ", "조건수 κ"),
    "optimizers.f.optimizers": ("Optimizers", "옵티마이저들"),
    "optimizers.f.x0": ("Start x", "시작점 x"),
    "optimizers.f.y0": ("Start y", "시작점 y"),
    "optimizers.f.steps": ("Steps", "단계 수"),
    "optimizers.f.noise": ("Gradient noise σ", "그래디언트 잡음 σ"),
    "optimizers.f.beta": ("Momentum μ (β)", "모멘텀 μ (β)"),
    "optimizers.f.shared_lr": ("One learning rate for all first-order methods", "1차 방법 모두에 같은 학습률"),
    "optimizers.f.lr": ("Learning rate η", "학습률 η"),
    "optimizers.f.lr_sgd": ("η of SGD", "SGD의 η"),
    "optimizers.f.lr_momentum": ("η of SGD + momentum", "SGD + 모멘텀의 η"),
    "optimizers.f.lr_nesterov": ("η of Nesterov", "Nesterov의 η"),
    "optimizers.f.lr_adagrad": ("η of AdaGrad", "AdaGrad의 η"),
    "optimizers.f.lr_rmsprop": ("η of RMSProp", "RMSProp의 η"),
    "optimizers.f.lr_adam": ("η of Adam", "Adam의 η"),
    "optimizers.f.lr_adamw": ("η of AdamW", "AdamW의 η"),
    "optimizers.f.lr_newton": ("Newton step size (1 = full step)", "뉴턴 보폭 (1 = 온전한 뉴턴 단계)"),
    "optimizers.f.lr_lbfgs": ("L-BFGS step size", "L-BFGS 보폭"),
    "optimizers.f.at": ("Show the paths up to step", "이 단계까지 경로 보기"),
    "optimizers.f.offset": ("Start this far off the ridge (y₀)", "능선에서 떨어진 시작 거리 (y₀)"),
    "optimizers.f.tol": ("Tolerance on ‖x‖", "‖x‖의 허용 오차"),
    "optimizers.f.max_steps": ("Step budget", "최대 단계 수"),
    "optimizers.f.x": ("Point x", "점 x"),
    "optimizers.f.y": ("Point y", "점 y"),
    "optimizers.f.angle": ("Slice direction (degrees)", "자르는 방향 (도)"),
    "optimizers.f.span": ("Slice half-width", "단면의 반폭"),
    "optimizers.f.mlp_width": ("Width of your MLP (Hessian table)", "내 MLP의 너비 (헤시안 표)"),
    "optimizers.f.mlp_depth": ("Depth of your MLP (Hessian table)", "내 MLP의 깊이 (헤시안 표)"),
    "optimizers.f.lr_scale": ("Scale every optimizer's rate by", "모든 옵티마이저의 학습률에 곱할 배수"),
    "optimizers.f.lo": ("Smallest learning rate", "가장 작은 학습률"),
    "optimizers.f.hi": ("Largest learning rate", "가장 큰 학습률"),
    "optimizers.f.points": ("Rates in the sweep", "훑어볼 학습률 개수"),
    "optimizers.f.schedules": ("Schedules", "스케줄"),
    "optimizers.f.drop_every": ("Step decay: drop every … steps", "계단식 감소: … 단계마다 낮춤"),
    "optimizers.f.drop_factor": ("Step decay: multiply by", "계단식 감소: 곱할 값"),
    "optimizers.f.decay": ("Decay k (exponential e^(−kt), 1/(1+kt))", "감소율 k (지수 e^(−k·t), 1/(1+k·t))"),
    "optimizers.f.warmup": ("Warmup steps", "워밍업 단계 수"),
    # 1. race
    "optimizers.race.name": ("1 · Race on a surface", "1 · 곡면 위의 경주"),
    "optimizers.race.claim": (
        "Every optimizer starts at the same point (black ring) on a 2-D loss surface. On the quadratic "
        "f = (x² + κy²)/2 the contours are long thin ellipses (the lecture's \"taco shell\"): the Hessian's "
        "largest and smallest eigenvalues differ by the condition number κ. Scrub the step slider to watch the "
        "paths unfold; a path that leaves the view is stopped there.",
        "모든 옵티마이저가 2차원 손실 곡면의 같은 점(검은 동그라미)에서 출발합니다. 이차식 f = (x² + κy²)/2의 "
        "등고선은 길고 가는 타원입니다(강의의 \"타코 껍데기\"). 헤시안의 가장 큰 고윳값과 가장 작은 고윳값의 "
        "비가 조건수 κ입니다. 단계 슬라이더를 움직이면 경로가 펼쳐지는 모습을 볼 수 있고, 화면 밖으로 나간 "
        "경로는 그 자리에서 멈춥니다."),
    "optimizers.race.map": ("Paths over the loss (darker = higher)", "손실 위의 경로 (진할수록 높음)"),
    "optimizers.race.loss": ("Loss vs step", "단계별 손실"),
    # Drawn inside the map as the slider moves (in the browser: no particle can follow the name there).
    "optimizers.race.lead": ("Step {step}: {lead} leads", "{step}단계 선두: {lead}"),
    "optimizers.race.gap": ("loss − minimum (log)", "손실 − 최솟값 (로그)"),
    "optimizers.race.notice": (
        "After {steps} steps the lowest first-order method is {best} (loss {loss}); the slider under the map "
        "replays the race step by step, naming the leader of each step. Left the view: {left}. "
        "On the quadratic, watch SGD bounce across the narrow direction while it creeps along the long one, and "
        "momentum build up speed along the valley floor.",
        "{steps}단계 뒤 1차 방법 중 가장 낮은 것은 {best}입니다(손실 {loss}). 지도 아래의 슬라이더로 경주를 "
        "한 단계씩 다시 보며 단계마다 선두를 확인할 수 있습니다. 화면을 벗어난 것: {left}. 이차식에서 SGD는 좁은 방향으로 튀어 다니며 긴 방향으로는 기어가고, 모멘텀은 골짜기 "
        "바닥을 따라 속도를 모읍니다."),
    "optimizers.preset.taco": ("Taco shell (κ = 80)", "타코 껍데기 (κ = 80)"),
    "optimizers.preset.saddle": ("Saddle point", "안장점"),
    "optimizers.preset.rosenbrock": ("Rosenbrock valley", "로젠브록 골짜기"),
    "optimizers.preset.beale": ("Beale", "Beale 함수"),
    "optimizers.preset.local": ("Local minima", "지역 최솟값"),
    "optimizers.preset.noisy": ("Noisy gradients", "잡음 섞인 그래디언트"),
    # 2. inside
    "optimizers.inside.name": ("2 · Inside the optimizer", "2 · 옵티마이저의 속"),
    "optimizers.inside.claim": (
        "The update rules written by hand (they match torch.optim step for step; the tests check it). At the "
        "chosen step: the gradient, the velocity (momentum buffer, or Adam's first moment), the running cache of "
        "squared gradients, and the effective rate each coordinate got, i.e. how far it moved per unit of "
        "gradient. On the map, the dashed arrow is what plain SGD would do, −η·g, and the solid arrow is the "
        "step the optimizer actually took.",
        "손으로 쓴 갱신 규칙입니다(torch.optim과 단계마다 똑같으며, 테스트가 이를 확인합니다). 고른 단계에서 "
        "그래디언트, 속도(모멘텀 버퍼 또는 Adam의 1차 모멘트), 제곱 그래디언트의 누적값(캐시), 그리고 각 좌표가 "
        "받은 실효 학습률(그래디언트 한 단위당 움직인 거리)을 보여 줍니다. 지도에서 점선 화살표는 보통 SGD가 "
        "갔을 방향 −η·g이고, 실선 화살표는 옵티마이저가 실제로 간 단계입니다."),
    "optimizers.f.inspect": ("Step to inspect", "들여다볼 단계"),
    "optimizers.inside.map": ("Step {at}: −η·g (dashed) and the actual update (solid)",
                              "{at}단계: −η·g (점선)와 실제 갱신 (실선)"),
    "optimizers.inside.cs231n": (
        "Written in torch.optim's convention. The CS231n slides write momentum as v ← ρv − α∇f, x ← x + v, "
        "so their velocity already includes the learning rate; with a constant rate both give the same path. "
        "The slides' Nesterov evaluates the gradient at the look-ahead point x + ρv; torch uses an equivalent "
        "change of variables that needs only the gradient at the current point. The slides add ε = 1e-7; "
        "torch's defaults are 1e-10 (AdaGrad) and 1e-8 (RMSProp, Adam).",
        "torch.optim의 표기를 따랐습니다. CS231n 슬라이드는 모멘텀을 v ← ρv − α∇f, x ← x + v로 써서 속도에 "
        "학습률이 이미 들어 있습니다. 학습률이 일정하면 두 방식의 경로는 같습니다. 슬라이드의 Nesterov는 "
        "앞서 내다본 점 x + ρv에서 그래디언트를 구하지만, torch는 현재 점의 그래디언트만 쓰도록 변수를 바꾼 "
        "같은 식을 씁니다. 슬라이드는 ε = 1e-7을 더하고, torch의 기본값은 1e-10(AdaGrad)과 1e-8(RMSProp, "
        "Adam)입니다."),
    "optimizers.inside.notice": (
        "At step {at} (η = {lr}, κ = {k}), effective rate of x divided by that of y: {ratios}. SGD gives both "
        "coordinates the same rate (ratio 1); the adaptive methods divide by the root of the squared-gradient "
        "cache, so the steep y direction (κ times the curvature) gets a much smaller rate than the flat x one.",
        "{at}단계(η = {lr}, κ = {k})에서 x의 실효 학습률을 y의 것으로 나눈 값: {ratios}. SGD는 두 좌표에 같은 "
        "학습률을 줍니다(비율 1). 적응형 방법은 제곱 그래디언트 캐시의 제곱근으로 나누므로, 가파른 y 방향"
        "(곡률이 κ배)은 평평한 x 방향보다 훨씬 작은 학습률을 받습니다."),
    # 3. saddle
    "optimizers.saddle.name": ("3 · Saddles and noise", "3 · 안장점과 잡음"),
    "optimizers.saddle.claim": (
        "On f = x² − y² the origin is a saddle: downhill in y, uphill in x. Started exactly on the ridge y = 0, "
        "the gradient has no y component, so SGD slides straight into the saddle and stays. A tiny offset grows "
        "by a factor (1 + 2η) per step: it escapes, but slowly. Noise, momentum and the adaptive methods leave "
        "sooner. The table counts the steps until |y| > 1.",
        "f = x² − y²에서 원점은 안장점입니다. y 방향으로는 내리막, x 방향으로는 오르막입니다. 능선 y = 0에서 "
        "정확히 출발하면 그래디언트에 y 성분이 없어서 SGD는 안장점으로 곧장 미끄러져 그대로 머뭅니다. 아주 "
        "작은 어긋남은 단계마다 (1 + 2η)배로 커져 결국 빠져나가지만 느립니다. 잡음, 모멘텀, 적응형 방법은 "
        "더 빨리 떠납니다. 표는 |y| > 1이 될 때까지의 단계 수입니다."),
    "optimizers.saddle.map": ("Paths on x² − y²", "x² − y² 위의 경로"),
    "optimizers.saddle.y": ("Distance from the ridge |y| (log)", "능선으로부터의 거리 |y| (로그)"),
    "optimizers.saddle.notice": (
        "From y₀ = {off}, SGD needs {sgd} steps to leave while Adam needs {adam}: Adam divides the tiny gradient "
        "by its own size, so it takes full-sized steps at once. SGD started on the ridge never leaves (– in the "
        "table), but with gradient noise it is out after {noise} steps.",
        "y₀ = {off}에서 출발하면 SGD는 빠져나가는 데 {sgd}단계, Adam은 {adam}단계가 걸립니다. Adam은 작은 "
        "그래디언트를 그 크기로 나누므로 처음부터 온전한 크기로 움직입니다. 능선 위에서 출발한 SGD는 끝내 "
        "떠나지 못하지만(표의 –), 그래디언트 잡음이 있으면 {noise}단계 뒤에 빠져나갑니다."),
    "optimizers.preset.exact": ("1e-8 off the ridge", "능선에서 1e-8"),
    "optimizers.preset.tiny": ("1e-12 off the ridge", "능선에서 1e-12"),
    "optimizers.preset.shaky": ("Strong noise", "강한 잡음"),
    "optimizers.preset.big": ("Larger step η = 0.2", "큰 보폭 η = 0.2"),
    # 4. theory
    "optimizers.theory.name": ("4 · Momentum vs theory", "4 · 모멘텀과 이론"),
    "optimizers.theory.claim": (
        "On f = (x² + κy²)/2 from (1, 1), gradient descent at its best step 2/(1 + κ) shrinks the error by at "
        "most (κ − 1)/(κ + 1) per step; heavy-ball momentum at its best step and μ (Polyak 1964) by "
        "(√κ − 1)/(√κ + 1). Below: measured iterations to reach the tolerance against those rates, then a sweep "
        "of step sizes that finds the largest stable step, 2/λ_max for GD and (2 + 2μ)/λ_max with momentum. "
        "(At the best μ both directions share one repeated rate, which adds a factor growing with t, so "
        "momentum's measured count sits somewhat above the prediction.)",
        "f = (x² + κy²)/2에서 (1, 1)로 출발하면, 경사 하강법은 최적 보폭 2/(1 + κ)에서 단계마다 오차를 최대 "
        "(κ − 1)/(κ + 1)배로, 헤비볼 모멘텀은 최적 보폭과 μ에서(Polyak 1964) (√κ − 1)/(√κ + 1)배로 줄입니다. "
        "아래는 허용 오차에 닿을 때까지 잰 반복 횟수를 이 비율과 비교하고, 보폭을 훑어 가장 큰 안정 "
        "보폭(GD는 2/λ_max, 모멘텀은 (2 + 2μ)/λ_max)을 실제로 찾습니다. (최적 μ에서는 두 방향이 같은 비율을 "
        "겹쳐 가져서 t에 따라 커지는 인자가 붙으므로, 모멘텀의 측정 횟수는 예측보다 조금 많습니다.)"),
    "optimizers.theory.curves": ("‖x‖ per step: measured and predicted (rateᵗ·‖x₀‖)",
                                 "단계별 ‖x‖: 측정값과 예측값 (비율ᵗ·‖x₀‖)"),
    "optimizers.theory.sweep": ("‖x‖ after 1,000 steps vs step size, clipped to [1e-12, 1e12] (dashed: "
                                "theory's limit)", "1,000단계 뒤의 ‖x‖와 보폭, [1e-12, 1e12]로 자름 (점선: 이론상 한계)"),
    "optimizers.theory.notice": (
        "With κ = {k}, GD at its best step needs {gd} iterations to reach ‖x‖ < {tol}; momentum at its best step "
        "and μ needs {mom}. The largest stable step found by the runs: {gdmax} for GD and {mommax} for momentum "
        "with μ = {beta}, against 2/κ and (2 + 2μ)/κ.",
        "κ = {k}일 때 최적 보폭의 GD는 ‖x‖ < {tol}에 닿는 데 {gd}번 반복하고, 최적 보폭과 μ의 모멘텀은 "
        "{mom}번 반복합니다. 실행으로 찾은 가장 큰 안정 보폭은 GD {gdmax}, μ = {beta}인 모멘텀 {mommax}이며, "
        "이론값 2/κ 및 (2 + 2μ)/κ와 비교해 보세요."),
    "optimizers.preset.k10": ("κ = 10", "κ = 10"),
    "optimizers.preset.k100": ("κ = 100 (the slide's case)", "κ = 100 (슬라이드의 경우)"),
    "optimizers.preset.k1000": ("κ = 1000", "κ = 1000"),
    # 5. taylor
    "optimizers.taylor.name": ("5 · First and second order", "5 · 1차와 2차"),
    "optimizers.taylor.claim": (
        "Cut the surface along a line through a point: f(s) along direction d. The first-order (linear) "
        "approximation only says which way is down; the gradient step moves a fixed η times the slope. The "
        "second-order (quadratic) approximation has a minimum, and Newton's step jumps right to it, with no "
        "learning rate. The table beside it shows why deep learning does not do this: a Hessian has N² entries.",
        "한 점을 지나는 직선으로 곡면을 자릅니다: 방향 d를 따라가는 f(s). 1차(선형) 근사는 어느 쪽이 "
        "내리막인지만 알려 주고, 그래디언트 단계는 기울기의 η배만큼 움직입니다. 2차(이차식) 근사에는 "
        "최솟값이 있어서 뉴턴 단계는 학습률 없이 곧장 그곳으로 뜁니다. 옆의 표는 딥러닝이 이렇게 하지 않는 "
        "이유를 보여 줍니다: 헤시안의 원소는 N²개입니다."),
    "optimizers.taylor.chart": ("The slice f(s) and its Taylor models at s = 0", "단면 f(s)와 s = 0에서의 테일러 근사"),
    "optimizers.taylor.notice": (
        "From f = {start}, the gradient step reaches {grad} and Newton's step {newton}, landing where the "
        "quadratic model is lowest. For a network with {n} parameters the Hessian alone would take {gb} GB in "
        "float32.",
        "f = {start}에서 그래디언트 단계는 {grad}, 뉴턴 단계는 {newton}에 닿으며, 이차 근사가 가장 낮은 곳에 "
        "내려앉습니다. 파라미터가 {n}개인 신경망이라면 헤시안만으로 float32에서 {gb} GB가 듭니다."),
    "optimizers.taylor.concave": (
        "Here the curvature is negative: the quadratic model opens downward, so its stationary point is a "
        "maximum and Newton's step climbs to {newton} (from {start}); the gradient step still goes down, to "
        "{grad}. Pure Newton is drawn to saddles and maxima as much as to minima. A network with {n} parameters "
        "would need {gb} GB just to store its Hessian.",
        "여기서는 곡률이 음수입니다. 이차 근사가 아래로 열려 정류점이 최댓값이므로, 뉴턴 단계는 {start}에서 "
        "{newton}[로] 올라갑니다. 그래디언트 단계는 여전히 {grad}[로] 내려갑니다. 순수한 뉴턴 방법은 "
        "최솟값만큼이나 안장점과 최댓값에도 끌립니다. 파라미터가 {n}개인 신경망은 헤시안을 저장하는 데만 "
        "{gb} GB가 필요합니다."),
    "optimizers.preset.convex": ("Curving up", "위로 휜 곳"),
    "optimizers.preset.concave": ("Curving down", "아래로 휜 곳"),
    "optimizers.preset.valley": ("Across Rosenbrock's valley", "로젠브록 골짜기를 가로질러"),
    # 6. network
    "optimizers.network.name": ("6 · On a real network", "6 · 실제 신경망에서"),
    "optimizers.network.claim": (
        "The same MLP on a toy dataset, trained once per optimizer as twin runs: same data, same initial "
        "weights, same batch order, so only the optimizer differs. Each uses a rate that suits it (SGD 0.5, "
        "momentum 0.05, RMSProp 0.003, Adam 0.005, …), scaled together by the slider.",
        "같은 MLP를 장난감 데이터셋에서 옵티마이저마다 한 번씩 쌍둥이 실행으로 학습합니다. 데이터, 초기 가중치, "
        "배치 순서가 같아서 옵티마이저만 다릅니다. 각자 어울리는 학습률(SGD 0.5, 모멘텀 0.05, RMSProp 0.003, "
        "Adam 0.005, …)을 쓰며, 슬라이더로 함께 배율을 바꿉니다."),
    "optimizers.network.loss": ("Training loss (log)", "학습 손실 (로그)"),
    "optimizers.network.acc": ("Validation accuracy", "검증 정확도"),
    "optimizers.network.notice": (
        "After {steps} steps {best} has the lowest training loss ({loss}) and {worst} the highest ({wloss}).",
        "{steps}단계 뒤 학습 손실이 가장 낮은 것은 {best}({loss}), 가장 높은 것은 {worst}({wloss})입니다."),
    # 7. sweep
    "optimizers.sweep.name": ("7 · Learning-rate sweep", "7 · 학습률 훑어보기"),
    "optimizers.sweep.claim": (
        "The same network trained briefly at each rate of a log grid, once per optimizer. A wide, flat valley "
        "means the method forgives a badly chosen rate; a diverged run is drawn at loss 10.",
        "같은 신경망을 로그 간격 학습률마다 짧게, 옵티마이저별로 학습합니다. 골짜기가 넓고 평평할수록 학습률을 "
        "잘못 골라도 봐주는 방법입니다. 발산한 실행은 손실 10에 그립니다."),
    "optimizers.sweep.chart": ("Final training loss vs learning rate", "학습률에 따른 최종 학습 손실"),
    "optimizers.sweep.y": ("final training loss (log)", "최종 학습 손실 (로그)"),
    "optimizers.sweep.notice": (
        "Best rate per optimizer: {best}. Span of rates within 2× of each one's best loss: {widths}.",
        "옵티마이저별 최적 학습률: {best}. 각자의 최저 손실의 2배 안에 드는 학습률의 폭: {widths}."),
    # 8. schedules
    "optimizers.schedules.name": ("8 · Learning-rate schedules", "8 · 학습률 스케줄"),
    "optimizers.schedules.claim": (
        "A rate large enough to make quick progress early is too large to settle into a minimum later, so it "
        "is lowered during training: in steps, exponentially, along a cosine, as 1/t, or after a linear warmup "
        "that protects the first steps. Each schedule drives a twin run of the same network.",
        "초반에 빠르게 나아갈 만큼 큰 학습률은 나중에 최솟값에 자리 잡기에는 너무 큽니다. 그래서 학습 중에 "
        "낮춥니다: 계단식으로, 지수적으로, 코사인을 따라, 1/t로, 또는 첫 단계들을 보호하는 선형 워밍업 뒤에. "
        "스케줄마다 같은 신경망의 쌍둥이 실행을 돌립니다."),
    "optimizers.schedules.lr": ("Learning rate per step", "단계별 학습률"),
    "optimizers.schedules.loss": ("Training loss (log)", "학습 손실 (로그)"),
    "optimizers.schedules.notice": (
        "Final training loss: {best} is lowest ({loss}), {worst} highest ({wloss}).",
        "최종 학습 손실은 {best}[이] 가장 낮고({loss}), {worst}[이] 가장 높습니다({wloss})."),
    "optimizers.preset.slides": ("Step, cosine, warmup", "계단식, 코사인, 워밍업"),
    "optimizers.preset.decays": ("Smooth decays", "부드러운 감소"),
    "optimizers.preset.adam": ("Adam at η = 0.02", "Adam, η = 0.02"),
}
