import { VueQueryPlugin } from "@tanstack/vue-query";
import PrimeVue from "primevue/config";
import ConfirmationService from "primevue/confirmationservice";
import ToastService from "primevue/toastservice";
import Tooltip from "primevue/tooltip";
import { createApp } from "vue";
import "primeicons/primeicons.css";
import "./styles/main.css";
import App from "./App.vue";
import { queryClient } from "./api/queryClient";
import "./composables/useTheme";
import { router } from "./router";
import { DioptraPreset } from "./theme";

createApp(App)
  .use(PrimeVue, {
    theme: { preset: DioptraPreset, options: { darkModeSelector: ".app-dark", cssLayer: false } },
  })
  .use(ToastService)
  .use(ConfirmationService)
  .directive("tooltip", Tooltip)
  .use(VueQueryPlugin, { queryClient })
  .use(router)
  .mount("#app");
