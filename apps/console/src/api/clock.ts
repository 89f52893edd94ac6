import type { ClockAction, ClockState } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { clockKey } from './keys';

/** The server's (sandbox) clock. */
export function useClock() {
  return useQuery({ queryKey: clockKey, queryFn: () => api.get<ClockState>('/clock'), staleTime: 0 });
}

/** Freezes, unfreezes, advances, sets or resets the sandbox clock; the answer is the new state. */
export function useClockAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ClockAction) => api.post<ClockState>('/clock', action),
    onSuccess: (state) => queryClient.setQueryData(clockKey, state),
  });
}
